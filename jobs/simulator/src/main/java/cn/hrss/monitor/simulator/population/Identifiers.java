package cn.hrss.monitor.simulator.population;

import cn.hrss.monitor.ingest.IdentifierChecks;
import java.time.LocalDate;

/** Builds well-formed national identifiers with correct check characters (and deliberately wrong ones). */
public final class Identifiers {
    private static final String USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] ORG_CODE_WEIGHTS = {3, 7, 9, 10, 5, 8, 4, 2};

    private Identifiers() {}

    /**
     * GB 11643 citizen ID: county code, birth date, a 3-digit sequence whose parity is the sex (odd = male), and the
     * ISO 7064 MOD 11-2 check character.
     */
    static String citizenId(String countyCode, LocalDate birthDate, int sequence) {
        StringBuilder sb = new StringBuilder(18).append(countyCode).append(birthDate.getYear());
        twoDigits(sb, birthDate.getMonthValue());
        twoDigits(sb, birthDate.getDayOfMonth());
        sb.append((char) ('0' + sequence / 100)).append((char) ('0' + sequence / 10 % 10))
                .append((char) ('0' + sequence % 10));
        return sb.append(IdentifierChecks.citizenIdCheckChar(sb)).toString();
    }

    /**
     * GB 32100 unified social credit code: registration authority and entity type (e.g. "91" company registered with
     * market regulation, "92" individual business, "12" public institution), the county code, a 9-character
     * organisation code whose last character is its GB 11714 check, and the GB/T 17710 check character.
     *
     * @param orgSerial 8-digit organisation serial (0..99_999_999)
     */
    static String uscc(String authorityAndType, String countyCode, int orgSerial) {
        StringBuilder sb = new StringBuilder(18).append(authorityAndType).append(countyCode);
        String serial = Integer.toString(orgSerial);
        sb.append("00000000", 0, 8 - serial.length()).append(serial);
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (sb.charAt(8 + i) - '0') * ORG_CODE_WEIGHTS[i];
        }
        int orgCheck = 11 - sum % 11;
        sb.append(orgCheck == 10 ? 'X' : orgCheck == 11 ? '0' : (char) ('0' + orgCheck));
        return sb.append(IdentifierChecks.usccCheckChar(sb)).toString();
    }

    /** The same citizen ID with a different (wrong) check character, still matching the contract's pattern. */
    public static String withWrongCitizenIdCheck(String id) {
        char right = id.charAt(17);
        char wrong = right == '0' ? '1' : right == 'X' ? '2' : (char) ('0' + (right - '0' + 1) % 10);
        return id.substring(0, 17) + wrong;
    }

    /** The same USCC with a different (wrong) check character from the GB 32100 character set. */
    public static String withWrongUsccCheck(String uscc) {
        int right = USCC_CHARSET.indexOf(uscc.charAt(17));
        return uscc.substring(0, 17) + USCC_CHARSET.charAt((right + 1) % USCC_CHARSET.length());
    }

    private static void twoDigits(StringBuilder sb, int v) {
        sb.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }
}
