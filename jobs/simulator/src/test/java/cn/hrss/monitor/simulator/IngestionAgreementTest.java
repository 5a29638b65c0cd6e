package cn.hrss.monitor.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hrss.monitor.ingest.Ingested;
import cn.hrss.monitor.ingest.RecordDecoder;
import cn.hrss.monitor.simulator.config.SimulatorConfig;
import cn.hrss.monitor.simulator.wire.Expectation;
import cn.hrss.monitor.simulator.wire.SimulatedRecord;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The monitoring job's own record decoder agrees with each record's expectation: well-formed records are accepted
 * (duplicates and late records are caught later, by event id and watermark), malformed ones are rejected with
 * exactly the expected reason.
 */
class IngestionAgreementTest {

    @Test
    void decoderAcceptsWellFormedRecordsAndRejectsMalformedOnesForTheExpectedReason() {
        EventGenerator generator = new EventGenerator(SimulatorConfig.defaults().withBadInput(0.08, 0.01, 0.01));
        List<SimulatedRecord> records = Streams.generate(generator, 60_000);
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 7);
        // The job compares occurredAt with its clock: here, the simulated clock at the end of the stream.
        long clock = generator.simulatedNow().toEpochMilli();
        RecordDecoder decoder = new RecordDecoder(key, 600_000, () -> clock);

        int malformed = 0;
        for (SimulatedRecord r : records) {
            Ingested result = decoder.decode("hrss." + r.topicFamily().toLowerCase(), 0, 0,
                    r.json().getBytes(StandardCharsets.UTF_8));
            if (r.expectation() == Expectation.MALFORMED) {
                malformed++;
                assertThat(result.isAccepted()).as(r.json()).isFalse();
                assertThat(result.rejected.reason).as(r.malformed() + " " + r.json()).isEqualTo(r.expectedRejectReason());
            } else {
                assertThat(result.isAccepted()).as(r.json()).isTrue();
            }
        }
        assertThat(malformed).isGreaterThan(4_000);
    }
}
