package cn.hrss.monitor.events;

import java.util.HashMap;
import java.util.Map;

/** Insurance types (险种, AAE140) in scope; medical and maternity moved to the NHSA and are not accepted. */
public enum InsuranceType {
    ENTERPRISE_PENSION("110", "企业职工基本养老保险"),
    PUBLIC_PENSION("170", "机关事业单位养老保险"),
    RESIDENT_PENSION("120", "城乡居民基本养老保险"),
    UNEMPLOYMENT("210", "失业保险"),
    WORK_INJURY("410", "工伤保险");

    private static final Map<String, InsuranceType> BY_CODE = new HashMap<>();

    static {
        for (InsuranceType t : values()) {
            BY_CODE.put(t.code, t);
        }
    }

    public final String code;
    public final String chineseName;

    InsuranceType(String code, String chineseName) {
        this.code = code;
        this.chineseName = chineseName;
    }

    /** @return the type for an AAE140 code, or {@code null} if the code is not in scope. */
    public static InsuranceType fromCode(String code) {
        return BY_CODE.get(code);
    }
}
