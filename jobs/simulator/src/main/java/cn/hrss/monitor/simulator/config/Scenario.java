package cn.hrss.monitor.simulator.config;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Anomalies the simulator can inject on top of normal activity, each the shape one early-warning rule detects. A
 * config choice: the scripts that inject them are in {@code cn.hrss.monitor.simulator.scenarios}.
 */
public enum Scenario {
    /** One employer sheds many insured persons within a few days (规模性裁员). */
    MASS_LAYOFF("mass-layoff"),
    /** One city's enterprise pension (110) outflow exceeds its income month after month (基金收支失衡). */
    FUND_IMBALANCE("fund-imbalance"),
    /** One county's unemployment registrations jump to about five times baseline (失业激增). */
    UNEMPLOYMENT_SURGE("unemployment-surge"),
    /** Pensioners keep being paid after death; the death records arrive later (死亡冒领). */
    BENEFIT_AFTER_DEATH("benefit-after-death"),
    /** Unemployment benefit paid for a month in which an employer enrolled the person (领取失业金期间就业). */
    UI_WHILE_EMPLOYED("ui-while-employed"),
    /** One city stops sending anything for a long span, then resumes (数据断流). */
    SOURCE_OUTAGE("source-outage");

    public final String wireName;

    Scenario(String wireName) {
        this.wireName = wireName;
    }

    /** @throws IllegalArgumentException naming the unknown scenario */
    public static Scenario fromWireName(String wireName) {
        for (Scenario s : values()) {
            if (s.wireName.equals(wireName.trim().toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown scenario '" + wireName + "'");
    }

    /** Parses a comma list of wire names; {@code all} enables every scenario, an empty string or {@code none} none. */
    public static Set<Scenario> parseList(String list) {
        String trimmed = list.trim();
        if (trimmed.equalsIgnoreCase("all")) {
            return EnumSet.allOf(Scenario.class);
        }
        Set<Scenario> result = EnumSet.noneOf(Scenario.class);
        if (trimmed.isEmpty() || trimmed.equalsIgnoreCase("none")) {
            return result;
        }
        for (String name : trimmed.split(",")) {
            result.add(fromWireName(name));
        }
        return result;
    }
}
