package cn.hrss.monitor.ingest;

/** Check-character validation of the national identifiers in the contract. Allocation-free: called per record. */
public final class IdentifierChecks {
    private static final int[] CITIZEN_ID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CITIZEN_ID_CHECK_CHARS = "10X98765432";

    /** GB 32100 character set: digits and upper-case letters without I, O, S, V, Z. */
    private static final String USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] USCC_WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    private IdentifierChecks() {}

    /** GB 11643 citizen ID: 17 digits and an ISO 7064 MOD 11-2 check character. */
    public static boolean isValidCitizenId(String id) {
        if (id == null || id.length() != 18) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            char c = id.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            sum += (c - '0') * CITIZEN_ID_WEIGHTS[i];
        }
        return id.charAt(17) == CITIZEN_ID_CHECK_CHARS.charAt(sum % 11);
    }

    /** The check character a citizen ID with these 17 leading digits must end with. */
    public static char citizenIdCheckChar(CharSequence first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * CITIZEN_ID_WEIGHTS[i];
        }
        return CITIZEN_ID_CHECK_CHARS.charAt(sum % 11);
    }

    /** GB 32100 unified social credit code: 18 characters with a GB/T 17710 (mod 31) check character. */
    public static boolean isValidUscc(String code) {
        if (code == null || code.length() != 18) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            char c = code.charAt(i);
            int v = USCC_CHARSET.indexOf(c);
            // Characters 3 to 8 are the registering authority's region code: digits only.
            if (v < 0 || (i >= 2 && i < 8 && v > 9)) {
                return false;
            }
            sum += v * USCC_WEIGHTS[i];
        }
        int check = (31 - sum % 31) % 31;
        return code.charAt(17) == USCC_CHARSET.charAt(check);
    }

    /** The check character a USCC with these 17 leading characters must end with. */
    public static char usccCheckChar(CharSequence first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += USCC_CHARSET.indexOf(first17.charAt(i)) * USCC_WEIGHTS[i];
        }
        return USCC_CHARSET.charAt((31 - sum % 31) % 31);
    }
}
