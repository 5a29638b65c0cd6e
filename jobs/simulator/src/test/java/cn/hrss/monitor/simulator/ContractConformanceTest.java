package cn.hrss.monitor.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.hrss.monitor.ingest.IdentifierChecks;
import cn.hrss.monitor.reference.RegionDirectory;
import cn.hrss.monitor.simulator.config.SimulatorConfig;
import cn.hrss.monitor.simulator.wire.Expectation;
import cn.hrss.monitor.simulator.wire.MalformedKind;
import cn.hrss.monitor.simulator.wire.SimulatedRecord;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every record is checked against conf/contract/events.v1.schema.json and the identifier rules. */
class ContractConformanceTest {
    private static final Path SCHEMA = Path.of("../../conf/contract/events.v1.schema.json");

    private static JsonSchema schema;
    private static List<SimulatedRecord> records;
    private static RegionDirectory regions;

    @BeforeAll
    static void generate() throws IOException {
        schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(Streams.JSON.readTree(Files.readString(SCHEMA)));
        EventGenerator generator = new EventGenerator(SimulatorConfig.defaults().withBadInput(0.06, 0.02, 0.02));
        regions = generator.regions();
        records = Streams.generate(generator, 150_000);
    }

    @Test
    void everyWellFormedRecordSatisfiesTheSchema() {
        List<SimulatedRecord> wellFormed = records.stream().filter(r -> r.expectation() != Expectation.MALFORMED).toList();
        assertThat(wellFormed).hasSizeGreaterThan(100_000);
        for (SimulatedRecord r : wellFormed) {
            assertThat(schema.validate(Streams.parse(r.json()))).as(r.json()).isEmpty();
        }
    }

    @Test
    void everySchemaCheckableMalformedRecordFailsTheSchema() {
        Map<MalformedKind, Integer> seen = new EnumMap<>(MalformedKind.class);
        for (SimulatedRecord r : records) {
            if (r.expectation() == Expectation.MALFORMED && r.malformed().schemaCheckable) {
                seen.merge(r.malformed(), 1, Integer::sum);
                assertThat(schema.validate(Streams.parse(r.json()))).as(r.malformed() + " " + r.json()).isNotEmpty();
            }
        }
        assertThat(seen.keySet()).containsExactlyInAnyOrder(MalformedKind.UNKNOWN_TYPE, MalformedKind.MISSING_FIELD,
                MalformedKind.WRONG_FIELD_TYPE, MalformedKind.NEGATIVE_AMOUNT, MalformedKind.THREE_DECIMAL_AMOUNT,
                MalformedKind.UNPARSEABLE_TIMESTAMP);
    }

    @Test
    void otherMalformedRecordsBreakExactlyTheRuleTheirReasonNames() {
        for (SimulatedRecord r : records) {
            if (r.expectation() != Expectation.MALFORMED || r.malformed().schemaCheckable) {
                continue;
            }
            switch (r.malformed()) {
                case TRUNCATED_JSON -> assertThatThrownBy(() -> Streams.JSON.readTree(r.json())).as(r.json())
                        .isInstanceOf(IOException.class);
                case UNKNOWN_REGION_CODE -> assertThat(regions.isKnown(Streams.parse(r.json()).get("regionCode").asText()))
                        .isFalse();
                case BAD_CITIZEN_ID_CHECK -> assertThat(
                        IdentifierChecks.isValidCitizenId(Streams.parse(r.json()).get("personId").asText())).isFalse();
                case BAD_USCC_CHECK -> assertThat(
                        IdentifierChecks.isValidUscc(Streams.parse(r.json()).get("employerUscc").asText())).isFalse();
                case FAR_FUTURE_TIMESTAMP -> assertThat(Streams.occurredAt(Streams.parse(r.json())).toInstant())
                        .isAfter(Instant.now().plus(365, ChronoUnit.DAYS));
                default -> throw new AssertionError("unexpected kind " + r.malformed());
            }
            if (r.malformed() != MalformedKind.TRUNCATED_JSON) {
                // Apart from the one broken rule, the record is fine: the schema accepts it.
                assertThat(schema.validate(Streams.parse(r.json()))).as(r.json()).isEmpty();
            }
        }
    }

    @Test
    void identifiersCarryValidCheckCharactersAndRegionsAreKnown() {
        for (JsonNode e : Streams.valid(records)) {
            assertThat(regions.isKnown(e.get("regionCode").asText())).isTrue();
            String personId = Streams.text(e, "personId");
            if (personId != null) {
                assertThat(IdentifierChecks.isValidCitizenId(personId)).as(personId).isTrue();
                assertThat(regions.isKnown(personId.substring(0, 6))).isTrue();
            }
            String uscc = Streams.text(e, "employerUscc");
            if (uscc != null) {
                assertThat(IdentifierChecks.isValidUscc(uscc)).as(uscc).isTrue();
                assertThat(regions.isKnown(uscc.substring(2, 8))).isTrue();
            }
            if (e.get("type").asText().startsWith("unemployment.") || Streams.isType(e, "benefit.paid")
                    || Streams.isType(e, "death.recorded")) {
                // Filed where the person lives, which is where their ID was issued.
                assertThat(personId).startsWith(e.get("regionCode").asText());
            }
        }
    }

    @Test
    void validRecordsAreInTimeOrderWithUniqueIdsAndDuplicatesReSendEarlierOnes() {
        long last = Long.MIN_VALUE;
        Set<String> ids = new HashSet<>();
        Set<String> validJson = new HashSet<>();
        for (SimulatedRecord r : records) {
            JsonNode e = r.expectation() == Expectation.MALFORMED ? null : Streams.parse(r.json());
            switch (r.expectation()) {
                case VALID -> {
                    assertThat(r.occurredAtMillis()).isGreaterThanOrEqualTo(last);
                    assertThat(Streams.occurredAt(e).toInstant().toEpochMilli()).isEqualTo(r.occurredAtMillis());
                    last = r.occurredAtMillis();
                    assertThat(ids.add(e.get("eventId").asText())).isTrue();
                    validJson.add(r.json());
                }
                case DUPLICATE -> assertThat(validJson).contains(r.json());
                case LATE -> {
                    assertThat(ids.add(e.get("eventId").asText())).isTrue();
                    assertThat(r.occurredAtMillis()).isLessThan(last - 3 * 86_400_000L + 1);
                }
                case MALFORMED -> { }
            }
            assertThat(r.key()).doesNotMatch(".*[0-9]{17}[0-9X].*");
        }
    }
}
