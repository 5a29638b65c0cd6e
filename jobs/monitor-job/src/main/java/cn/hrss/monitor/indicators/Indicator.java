package cn.hrss.monitor.indicators;

/**
 * The indicator catalogue: stable ids (what {@code indicators.indicator} holds), Chinese names for people, units.
 * Formulas follow domain.md §3; where each is computed is {@link IndicatorRows}.
 */
public enum Indicator {
    EMPLOYMENT_REGISTRATIONS("employment_registrations", "就业登记人数", "人"),
    EMPLOYMENT_TERMINATIONS("employment_terminations", "就业终止登记人数", "人"),
    UNEMPLOYMENT_REGISTRATIONS("unemployment_registrations", "失业登记人数", "人"),
    UNEMPLOYMENT_DEREGISTRATIONS("unemployment_deregistrations", "失业注销登记人数", "人"),
    /** Stock: opening stock (reference data) + registrations − deregistrations since the opening date. */
    REGISTERED_UNEMPLOYED("registered_unemployed", "城镇登记失业人数", "人"),
    /** registered unemployed / (urban employed base + registered unemployed) × 100. */
    REGISTERED_UNEMPLOYMENT_RATE("registered_unemployment_rate", "城镇登记失业率", "%"),
    INSURED_ENROLMENTS("insured_enrolments", "参保增员人次", "人次"),
    /** 减员: the layoff signal. */
    INSURED_DEPARTURES("insured_departures", "参保减员人次", "人次"),
    FUND_INCOME("fund_income", "基金收入", "元"),
    FUND_OUTFLOW("fund_outflow", "基金支出", "元"),
    /** 当期结余 = income − outflow. */
    FUND_BALANCE("fund_balance", "基金当期结余", "元"),
    /** 收支比 = income / outflow; absent while outflow is zero. */
    FUND_INCOME_OUTFLOW_RATIO("fund_income_outflow_ratio", "基金收支比", "倍"),
    /** 累计结余 = opening cumulative balance (reference data) + current balance since the opening date. */
    FUND_CUMULATIVE_BALANCE("fund_cumulative_balance", "基金累计结余", "元"),
    /** 可支付月数 = cumulative balance / average monthly outflow over the trailing 12 months. */
    FUND_MONTHS_PAYABLE("fund_months_payable", "基金可支付月数", "月"),
    /** 失业保险金领取人数: distinct persons paid unemployment benefit in the calendar month. */
    UNEMPLOYMENT_BENEFIT_RECIPIENTS("unemployment_benefit_recipients", "失业保险金领取人数", "人"),
    /**
     * Per employer (row subject = USCC, region = the employer's county): distinct persons who left (减员). The
     * rolling_30d value is what the mass-layoff rule compares with 20 persons or 10% of headcount.
     */
    EMPLOYER_DEPARTURES("employer_departures", "单位减员人数", "人");

    public final String id;
    public final String chineseName;
    public final String unit;

    Indicator(String id, String chineseName, String unit) {
        this.id = id;
        this.chineseName = chineseName;
        this.unit = unit;
    }
}
