package cn.hrss.monitor.simulator.reference;

import cn.hrss.monitor.events.InsuranceType;
import cn.hrss.monitor.reference.Region;
import cn.hrss.monitor.reference.RegionDirectory;
import cn.hrss.monitor.simulator.config.SimulatorConfig;
import cn.hrss.monitor.simulator.wire.WireEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;

/**
 * Reference data for the monitor job ({@code reference.dir}, files as in {@code conf/reference/README.md}) that
 * describes the simulated world instead of the real one. The shipped figures are national, while the simulator has a
 * few hundred thousand persons, so against them months payable and the registered unemployment rate would never
 * move; against these they react to the simulated scenarios.
 *
 * <p>Per region (every region of {@link RegionDirectory#loadDefault()}; counties measured, every parent the exact sum
 * of its children, cities without counties 0 as no simulated person lives there):
 * <ul>
 *   <li>{@code urban_employed}: simulated persons living there who are employed at the simulated start;</li>
 *   <li>{@code registered_unemployed}: simulated persons living there who are registered unemployed then;</li>
 *   <li>{@code average_monthly_outflow}: the benefit outflow of one month of the baseline stream (no scenarios),
 *       see {@link SimulatedReferenceMonth} for how it is measured;</li>
 *   <li>{@code cumulative_balance}: that outflow times the months the fund holds ({@link #monthsHeld}).</li>
 * </ul>
 * Same config, same bytes.
 */
public final class SimulatedReferenceData {
    static final String EMPLOYED_FILE = "employed_base.csv";
    static final String UNEMPLOYED_FILE = "opening_unemployed.csv";
    static final String BALANCES_FILE = "opening_fund_balances.csv";

    /** In the order of the shipped balances file. */
    private static final InsuranceType[] TYPES_BY_CODE = Arrays.stream(InsuranceType.values())
            .sorted(Comparator.comparing(t -> t.code)).toArray(InsuranceType[]::new);

    private SimulatedReferenceData() {}

    /**
     * Measures the world {@code config} simulates (a second or two) and writes the three reference files into
     * {@code dir}, replacing files of the same names.
     *
     * @throws UncheckedIOException if the directory cannot be created or a file cannot be written
     */
    public static void write(SimulatorConfig config, Path dir) {
        RegionDirectory regions = RegionDirectory.loadDefault();
        Map<String, long[]> figures = rollUp(regions, SimulatedReferenceMonth.measure(config));
        try {
            Files.createDirectories(dir);
            try (Writer employed = open(dir, EMPLOYED_FILE, "region_code,urban_employed");
                 Writer unemployed = open(dir, UNEMPLOYED_FILE, "region_code,registered_unemployed");
                 Writer balances = open(dir, BALANCES_FILE,
                         "region_code,insurance_type,cumulative_balance,average_monthly_outflow")) {
                for (Region region : regions.all()) {
                    String code = region.code();
                    long[] f = figures.get(code);
                    employed.write(code + "," + f[SimulatedReferenceMonth.EMPLOYED] + "\n");
                    unemployed.write(code + "," + f[SimulatedReferenceMonth.UNEMPLOYED] + "\n");
                    for (InsuranceType type : TYPES_BY_CODE) {
                        long outflowFen = f[SimulatedReferenceMonth.OUTFLOW + type.ordinal()];
                        balances.write(code + "," + type.code + "," + WireEvent.yuan(outflowFen * monthsHeld(type))
                                + "," + WireEvent.yuan(outflowFen) + "\n");
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write simulated reference data to " + dir, e);
        }
    }

    /**
     * Months of outflow each fund holds at the start: inside the "fine" band of the months-payable warnings
     * (pension ≥ 12, unemployment ≥ 12, work injury 6 to 18), with enough margin that the baseline stays there, and
     * little enough that the fund-imbalance scenario (a city's 110 income cut, its 110 outflow raised) drives its 110
     * months payable down over the simulated months.
     *
     * @return 16 for 110, 14 for 170, 18 for 120, 15 for 210, 12 for 410
     */
    static int monthsHeld(InsuranceType type) {
        return switch (type) {
            case ENTERPRISE_PENSION -> 16;
            case PUBLIC_PENSION -> 14;
            case RESIDENT_PENSION -> 18;
            case UNEMPLOYMENT -> 15;
            case WORK_INJURY -> 12;
        };
    }

    /** @return per region code, the sum of its counties' figures (a county's own for a county) */
    private static Map<String, long[]> rollUp(RegionDirectory regions, SimulatedReferenceMonth month) {
        Map<String, long[]> totals = new HashMap<>();
        for (Region region : regions.all()) {
            totals.put(region.code(), new long[SimulatedReferenceMonth.COLUMNS]);
        }
        for (int c = 0; c < month.countyCodes.length; c++) {
            for (Region region : regions.rollup(month.countyCodes[c])) {
                long[] total = totals.get(region.code());
                for (int column = 0; column < total.length; column++) {
                    total[column] += month.figures[c][column];
                }
            }
        }
        return totals;
    }

    private static Writer open(Path dir, String fileName, String header) throws IOException {
        Writer writer = Files.newBufferedWriter(dir.resolve(fileName), StandardCharsets.UTF_8);
        writer.write(header + "\n");
        return writer;
    }
}
