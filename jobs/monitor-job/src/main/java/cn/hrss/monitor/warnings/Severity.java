package cn.hrss.monitor.warnings;

/**
 * The four warning colours of the Emergency Response Law, lowest first. Orange and red must be reported within 2 h,
 * yellow within 12 h (local plans), so routing treats them differently.
 */
public enum Severity {
    BLUE("蓝", "blue", 4),
    YELLOW("黄", "yellow", 3),
    ORANGE("橙", "orange", 2),
    RED("红", "red", 1);

    public final String chineseName;
    /** Label value for routing (Alertmanager {@code severity}). */
    public final String id;
    /** Level I (red) to IV (blue). */
    public final int level;

    Severity(String chineseName, String id, int level) {
        this.chineseName = chineseName;
        this.id = id;
        this.level = level;
    }

    public boolean isMoreSevereThan(Severity other) {
        return other == null || level < other.level;
    }

    public static Severity fromId(String id) {
        for (Severity s : values()) {
            if (s.id.equals(id)) {
                return s;
            }
        }
        return null;
    }
}
