package cn.hrss.monitor.reference;

import cn.hrss.monitor.events.InsuranceType;
import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The per-region figures that indicators start from (as of 2026-01-01, see {@code conf/reference/README.md}):
 * the urban employed base of the registered unemployment rate, the registered-unemployed stock, and each
 * fund's cumulative balance. Immutable and serialisable so Flink operators can carry it.
 */
public final class ReferenceData implements Serializable {

    private static final long serialVersionUID = 1L;

    static final String EMPLOYED_FILE = "employed_base.csv";
    static final String UNEMPLOYED_FILE = "opening_unemployed.csv";
    static final String BALANCES_FILE = "opening_fund_balances.csv";

    private static final BigDecimal NO_BALANCE = BigDecimal.ZERO.setScale(2);
    /** Yuan with exactly two decimals, as the contract writes money; a deficit may be negative. */
    private static final Pattern YUAN = Pattern.compile("-?\\d+\\.\\d{2}");

    private static ReferenceData defaultData;

    private final Map<String, Long> urbanEmployed = new HashMap<>();
    private final Map<String, Long> openingUnemployed = new HashMap<>();
    /** region code → AAE140 insurance type → cumulative balance. */
    private final Map<String, Map<String, BigDecimal>> openingBalances = new HashMap<>();
    private final Map<String, Map<String, BigDecimal>> averageMonthlyOutflows = new HashMap<>();

    /** Opens a reference file by name and says how errors should name it. */
    private interface Source {
        Reader open(String fileName) throws IOException;

        String describe(String fileName);
    }

    private ReferenceData() {}

    /** @return the data shipped in the job jar ({@code /reference/*.csv}), loaded once. */
    /** @param directory replacement CSVs ({@code reference.dir}), or null for the copy shipped in the job jar */
    public static ReferenceData loadFrom(String directory) {
        return directory == null ? loadDefault() : load(Path.of(directory));
    }

    public static synchronized ReferenceData loadDefault() {
        if (defaultData == null) {
            defaultData = load(new Source() {
                @Override
                public Reader open(String fileName) {
                    return ReferenceCsv.classpathResource(fileName);
                }

                @Override
                public String describe(String fileName) {
                    return ReferenceCsv.classpathSource(fileName);
                }
            });
        }
        return defaultData;
    }

    /**
     * Loads the three files by their usual names from a directory (for an operator's replacement data).
     *
     * @throws IllegalArgumentException naming the file and line of the first malformed row
     */
    public static ReferenceData load(Path directory) {
        return load(new Source() {
            @Override
            public Reader open(String fileName) throws IOException {
                return Files.newBufferedReader(directory.resolve(fileName), StandardCharsets.UTF_8);
            }

            @Override
            public String describe(String fileName) {
                return directory.resolve(fileName).toString();
            }
        });
    }

    private static ReferenceData load(Source source) {
        ReferenceData data = new ReferenceData();
        read(source, EMPLOYED_FILE, "region_code,urban_employed", row ->
                putOnce(data.urbanEmployed, row, row.nonNegativeLong(1, "urban_employed")));
        read(source, UNEMPLOYED_FILE, "region_code,registered_unemployed", row ->
                putOnce(data.openingUnemployed, row, row.nonNegativeLong(1, "registered_unemployed")));
        read(source, BALANCES_FILE, "region_code,insurance_type,cumulative_balance,average_monthly_outflow", row -> {
            String type = row.field(1);
            if (InsuranceType.fromCode(type) == null) {
                throw row.error("unknown insurance type '" + type + "'");
            }
            BigDecimal balance = yuan(row, 2, "cumulative_balance");
            BigDecimal outflow = yuan(row, 3, "average_monthly_outflow");
            String code = row.regionCode(0);
            Map<String, BigDecimal> byType = data.openingBalances.computeIfAbsent(code, c -> new HashMap<>());
            if (byType.putIfAbsent(type, balance) != null) {
                throw row.error("duplicate row for region " + code + ", insurance type " + type);
            }
            data.averageMonthlyOutflows.computeIfAbsent(code, c -> new HashMap<>()).put(type, outflow);
        });
        return data;
    }

    private static BigDecimal yuan(ReferenceCsv.Row row, int index, String column) {
        String amount = row.field(index);
        if (!YUAN.matcher(amount).matches()) {
            throw row.error(column + " must be yuan with exactly two decimals, got '" + amount + "'");
        }
        return new BigDecimal(amount);
    }

    private static void read(Source source, String fileName, String header, Consumer<ReferenceCsv.Row> handler) {
        try (Reader reader = source.open(fileName)) {
            ReferenceCsv.read(reader, source.describe(fileName), header, handler);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source.describe(fileName), e);
        }
    }

    /** Stores a per-region count from a row whose first field is the region code. */
    private static void putOnce(Map<String, Long> map, ReferenceCsv.Row row, long value) {
        String code = row.regionCode(0);
        if (map.putIfAbsent(code, value) != null) {
            throw row.error("duplicate row for region " + code);
        }
    }

    /** @return the urban employed base of the registered unemployment rate, or 0 for an unknown region. */
    public long urbanEmployed(String regionCode) {
        return urbanEmployed.getOrDefault(regionCode, 0L);
    }

    /** @return the registered-unemployed stock at the opening date, or 0 for an unknown region. */
    public long openingUnemployed(String regionCode) {
        return openingUnemployed.getOrDefault(regionCode, 0L);
    }

    /**
     * @param insuranceType AAE140 code ("110", "210", ...)
     * @return the fund's cumulative balance in yuan at the opening date (scale 2), or 0.00 if unknown
     */
    public BigDecimal openingBalance(String regionCode, String insuranceType) {
        Map<String, BigDecimal> byType = openingBalances.get(regionCode);
        return byType == null ? NO_BALANCE : byType.getOrDefault(insuranceType, NO_BALANCE);
    }

    /**
     * @return the fund's average monthly outflow over the 12 months before the opening date (yuan, scale 2), or 0.00;
     *     months payable uses it for months not yet observed in the stream
     */
    public BigDecimal averageMonthlyOutflow(String regionCode, String insuranceType) {
        Map<String, BigDecimal> byType = averageMonthlyOutflows.get(regionCode);
        return byType == null ? NO_BALANCE : byType.getOrDefault(insuranceType, NO_BALANCE);
    }
}
