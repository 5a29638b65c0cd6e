package cn.hrss.monitor.devstack.warnings;

import cn.hrss.monitor.config.MonitorConfig;
import cn.hrss.monitor.events.EventType;
import cn.hrss.monitor.ingest.IdentifierChecks;
import cn.hrss.monitor.simulator.KafkaEventProducer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Contract v1 records written by hand for a running job, each sent and acknowledged before the next: identifiers with
 * valid check characters, event time chosen by the test.
 */
final class LiveRecords implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter OCCURRED_AT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX").withZone(ZoneOffset.ofHours(8));
    private static final String SOURCE = "e2e-live";

    private final MonitorConfig config;
    private final KafkaProducer<String, String> producer;
    private final String idPrefix = "e2e-live-" + System.currentTimeMillis() + "-";
    private long sequence;

    LiveRecords(MonitorConfig config) {
        this.config = config;
        this.producer = new KafkaProducer<>(KafkaEventProducer.producerProperties(config.kafka().bootstrapServers()));
    }

    /** @return a GB 11643 citizen ID of someone registered in {@code region}, born {@code birthDate}, number {@code n} */
    static String citizenId(String region, String birthDate, int n) {
        String first17 = region + birthDate + String.format(Locale.ROOT, "%03d", n);
        return first17 + IdentifierChecks.citizenIdCheckChar(first17);
    }

    /** @return a GB 32100 code of an enterprise (91) registered in {@code region}, organisation code {@code org} */
    static String uscc(String region, String org) {
        String first17 = "91" + region + org;
        return first17 + IdentifierChecks.usccCheckChar(first17);
    }

    /** An insured person leaves an employer of {@code headcount} staff (减员, reason layoff), enterprise pension. */
    void insuredLeft(Instant at, String county, String employerUscc, int headcount, String personId) throws Exception {
        ObjectNode e = event(EventType.INSURED_LEFT, at, county);
        e.put("insuranceType", "110");
        e.put("personId", personId);
        e.put("employerUscc", employerUscc);
        e.put("employerHeadcount", headcount);
        e.put("reason", "layoff");
        send(EventType.INSURED_LEFT, e);
    }

    /** A person's employment is registered by an employer: ordinary traffic from {@code county}. */
    void employmentRegistered(Instant at, String county, String employerUscc, String personId) throws Exception {
        ObjectNode e = event(EventType.EMPLOYMENT_REGISTERED, at, county);
        e.put("personId", personId);
        e.put("employerUscc", employerUscc);
        e.put("employmentForm", "unit");
        send(EventType.EMPLOYMENT_REGISTERED, e);
    }

    private ObjectNode event(EventType type, Instant at, String county) {
        ObjectNode e = JSON.createObjectNode();
        e.put("eventId", idPrefix + (++sequence));
        e.put("schemaVersion", 1);
        e.put("type", type.wireName);
        e.put("occurredAt", OCCURRED_AT.format(at));
        e.put("regionCode", county);
        e.put("source", SOURCE);
        return e;
    }

    private void send(EventType type, ObjectNode event) throws InterruptedException, ExecutionException {
        // One key for every record: each topic's records stay in one partition, in the order sent.
        producer.send(new ProducerRecord<>(config.kafka().topics().get(type.family), SOURCE, event.toString())).get();
    }

    @Override
    public void close() {
        producer.close();
    }
}
