package cn.hrss.monitor.warnings.rules;

/** What a rule detects; each kind is one detector in {@code warnings.detectors}. The id is the YAML {@code kind}. */
public enum RuleKind {
    FUND_IMBALANCE("fund_imbalance"),
    FUND_MONTHS_PAYABLE("fund_months_payable"),
    UNEMPLOYMENT_SURGE("unemployment_surge"),
    MASS_LAYOFF("mass_layoff"),
    BENEFIT_AFTER_DEATH("benefit_after_death"),
    UI_WHILE_EMPLOYED("ui_while_employed"),
    DATA_ABSENCE("data_absence");

    public final String id;

    RuleKind(String id) {
        this.id = id;
    }

    public static RuleKind fromId(String id) {
        for (RuleKind k : values()) {
            if (k.id.equals(id)) {
                return k;
            }
        }
        return null;
    }
}
