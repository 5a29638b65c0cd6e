package cn.hrss.monitor.simulator.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import cn.hrss.monitor.events.EventFamily;
import cn.hrss.monitor.events.InsuranceType;
import cn.hrss.monitor.reference.ReferenceData;
import cn.hrss.monitor.reference.Region;
import cn.hrss.monitor.reference.RegionDirectory;
import cn.hrss.monitor.simulator.EventGenerator;
import cn.hrss.monitor.simulator.Streams;
import cn.hrss.monitor.simulator.config.SimulatorConfig;
import cn.hrss.monitor.simulator.wire.SimulatedRecord;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatedReferenceDataTest {
    /** From the first of a month, so one calendar month of the stream is one whole benefit month. */
    private static final Instant JULY = OffsetDateTime.parse("2026-07-01T00:00:00+08:00").toInstant();
    private static final SimulatorConfig CONFIG = SimulatorConfig.defaults().withStart(JULY);
    private static final String NATION = RegionDirectory.NATION_CODE;

    @TempDir
    static Path dir;
    private static ReferenceData data;

    @BeforeAll
    static void write() {
        long started = System.nanoTime();
        SimulatedReferenceData.write(CONFIG, dir);
        System.out.printf("SimulatedReferenceData.write took %d ms%n", (System.nanoTime() - started) / 1_000_000);
        data = ReferenceData.load(dir);
    }

    @Test
    void everyRegionHasItsRows() throws IOException {
        List<String> codes = RegionDirectory.loadDefault().all().stream().map(Region::code).toList();
        assertThat(regionColumn(SimulatedReferenceData.EMPLOYED_FILE)).isEqualTo(codes);
        assertThat(regionColumn(SimulatedReferenceData.UNEMPLOYED_FILE)).isEqualTo(codes);
        assertThat(regionColumn(SimulatedReferenceData.BALANCES_FILE).stream().distinct().toList()).isEqualTo(codes);
        assertThat(regionColumn(SimulatedReferenceData.BALANCES_FILE))
                .hasSize(codes.size() * InsuranceType.values().length);
    }

    @Test
    void everyParentIsTheSumOfItsChildren() {
        RegionDirectory regions = RegionDirectory.loadDefault();
        Map<String, List<Region>> children = new HashMap<>();
        for (Region r : regions.all()) {
            if (r.parentCode() != null) {
                children.computeIfAbsent(r.parentCode(), p -> new ArrayList<>()).add(r);
            }
        }
        List<ToLongFunction<String>> figures = new ArrayList<>(List.of(data::urbanEmployed, data::openingUnemployed));
        for (InsuranceType type : InsuranceType.values()) {
            figures.add(code -> fen(data.openingBalance(code, type.code)));
            figures.add(code -> fen(data.averageMonthlyOutflow(code, type.code)));
        }
        children.forEach((parent, kids) -> {
            for (ToLongFunction<String> figure : figures) {
                assertThat(figure.applyAsLong(parent)).as(parent)
                        .isEqualTo(kids.stream().mapToLong(k -> figure.applyAsLong(k.code())).sum());
            }
        });
        assertThat(data.urbanEmployed(NATION) + data.openingUnemployed(NATION)).isBetween(1L, (long) CONFIG.persons());
    }

    @Test
    void fundsHoldTheirMonthsOfOutflow() {
        BigDecimal outflow = data.averageMonthlyOutflow(NATION, "110");
        assertThat(data.openingBalance(NATION, "110")).isEqualByComparingTo(outflow.multiply(BigDecimal.valueOf(16)));
        for (InsuranceType type : InsuranceType.values()) {
            BigDecimal typeOutflow = data.averageMonthlyOutflow(NATION, type.code);
            assertThat(typeOutflow.signum()).as(type.code).isPositive();
            BigDecimal months = BigDecimal.valueOf(SimulatedReferenceData.monthsHeld(type));
            assertThat(data.openingBalance(NATION, type.code)).as(type.code)
                    .isEqualByComparingTo(typeOutflow.multiply(months));
        }
    }

    /**
     * The measured outflow is what a month of the stream really pays. The measurement thins this config 3.7 times, and
     * its slower churn lets more unemployment-benefit recipients stay until the payout days, so 210 comes out high.
     */
    @Test
    void outflowMatchesWhatTheStreamPaysInAMonth() {
        SimulatorConfig baseline = CONFIG.withScenarios(Set.of()).withBadInput(0, 0, 0);
        Instant august = OffsetDateTime.parse("2026-08-01T00:00:00+08:00").toInstant();
        Map<InsuranceType, Long> paid = new EnumMap<>(InsuranceType.class);
        EventGenerator generator = new EventGenerator(baseline);
        while (generator.simulatedNow().isBefore(august)) {
            SimulatedRecord record = generator.next();
            if (record.family() != EventFamily.BENEFIT) {
                continue;
            }
            JsonNode e = Streams.parse(record.json());
            if (Streams.isType(e, "benefit.paid") && Streams.text(e, "benefitMonth").equals("202607")) {
                paid.merge(InsuranceType.fromCode(Streams.text(e, "insuranceType")), Streams.fen(e), Long::sum);
            }
        }
        for (InsuranceType type : InsuranceType.values()) {
            double ratio = (double) fen(data.averageMonthlyOutflow(NATION, type.code)) / paid.get(type);
                // Thinning slows recipients leaving the register, so the estimate runs high (see SimulatedReferenceMonth).
            if (type == InsuranceType.UNEMPLOYMENT) {
                assertThat(ratio).as(type.code).isBetween(1.0, 1.2);
            } else {
                assertThat(ratio).as(type.code).isCloseTo(1.0, within(0.03));
            }
        }
    }

    @Test
    void sameConfigSameBytes(@TempDir Path again) throws IOException {
        SimulatedReferenceData.write(CONFIG, again);
        for (String file : List.of(SimulatedReferenceData.EMPLOYED_FILE, SimulatedReferenceData.UNEMPLOYED_FILE,
                SimulatedReferenceData.BALANCES_FILE)) {
            assertThat(Files.readAllBytes(again.resolve(file))).as(file)
                    .isEqualTo(Files.readAllBytes(dir.resolve(file)));
        }
    }

    /** @return the first field of every data line */
    private static List<String> regionColumn(String file) throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve(file));
        return lines.subList(1, lines.size()).stream().map(l -> l.substring(0, l.indexOf(','))).toList();
    }

    private static long fen(BigDecimal yuan) {
        return yuan.movePointRight(2).longValueExact();
    }
}
