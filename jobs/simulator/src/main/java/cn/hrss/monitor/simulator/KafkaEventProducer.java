package cn.hrss.monitor.simulator;

import cn.hrss.monitor.simulator.wire.SimulatedRecord;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends simulated records to Kafka, one topic per event family ({@code <prefix><family in lower case>}), paced to a
 * wall-clock rate. Used by {@link SimulatorMain} and in-process by the demo and the benchmark.
 */
public final class KafkaEventProducer implements AutoCloseable {
    public static final String DEFAULT_TOPIC_PREFIX = "hrss.";
    private static final long PROGRESS_EVERY_NANOS = 5_000_000_000L;
    /** A producer that fell further behind than this does not burst to catch up: pacing restarts. */
    private static final long MAX_BACKLOG_NANOS = 1_000_000_000L;

    private final KafkaProducer<String, String> producer;
    private final String topicPrefix;
    private final PrintStream progress;
    /** Records handed to Kafka so far, readable from other threads (progress displays). */
    private final AtomicLong sentSoFar = new AtomicLong();
    private volatile boolean stopRequested;

    /**
     * @param progress where to print progress every few seconds, or {@code null} for none
     */
    public KafkaEventProducer(String bootstrapServers, String topicPrefix, PrintStream progress) {
        this.producer = new KafkaProducer<>(producerProperties(bootstrapServers));
        this.topicPrefix = topicPrefix;
        this.progress = progress;
    }

    /** acks=all with idempotence, lz4, 5 ms linger: durable and still fast enough for the benchmark. */
    public static Properties producerProperties(String bootstrapServers) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return p;
    }

    /** @return e.g. {@code hrss.benefit} for prefix {@code hrss.} and family BENEFIT */
    public static String topic(String topicPrefix, String family) {
        return topicPrefix + family.toLowerCase(Locale.ROOT);
    }

    /**
     * Produces until {@code count} records are sent or {@code maxTime} has passed, whichever comes first, then
     * flushes.
     *
     * @param count records to send; 0 or less for no limit
     * @param maxTime wall-clock limit, or {@code null} for none (then {@code count} must be positive)
     * @param rate records per wall second; 0 or less sends as fast as possible
     * @return the number of records sent (all acknowledged)
     * @throws IllegalStateException if Kafka did not acknowledge every record
     */
    public long produce(EventGenerator generator, long count, Duration maxTime, double rate) {
        if (count <= 0 && maxTime == null) {
            throw new IllegalArgumentException("give a count or a maximum time");
        }
        AtomicLong failed = new AtomicLong();
        AtomicReference<Exception> firstFailure = new AtomicReference<>();
        long start = System.nanoTime();
        long deadline = maxTime == null ? Long.MAX_VALUE : start + maxTime.toNanos();
        long paceStart = start;
        long pacedSent = 0;
        long nextProgress = start + PROGRESS_EVERY_NANOS;
        long sent = 0;
        while ((count <= 0 || sent < count) && System.nanoTime() < deadline && !stopRequested) {
            if (rate > 0) {
                long due = paceStart + (long) (pacedSent * 1e9 / rate);
                long wait = due - System.nanoTime();
                if (wait > 1_000_000) {
                    sleepNanos(Math.min(wait, deadline - System.nanoTime()));
                    continue;
                } else if (wait < -MAX_BACKLOG_NANOS) {
                    paceStart = System.nanoTime();
                    pacedSent = 0;
                }
            }
            SimulatedRecord r = generator.next();
            producer.send(new ProducerRecord<>(topic(topicPrefix, r.topicFamily()), r.key(), r.json()), (md, ex) -> {
                if (ex != null && failed.getAndIncrement() == 0) {
                    firstFailure.set(ex);
                }
            });
            sent++;
            sentSoFar.incrementAndGet();
            pacedSent++;
            long t = System.nanoTime();
            if (progress != null && t >= nextProgress) {
                nextProgress = t + PROGRESS_EVERY_NANOS;
                printProgress(sent, t - start, generator.simulatedNow());
            }
        }
        producer.flush();
        if (progress != null) {
            printProgress(sent, System.nanoTime() - start, generator.simulatedNow());
        }
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " of " + sent + " records were not acknowledged",
                    firstFailure.get());
        }
        return sent;
    }

    /** @return records sent so far by {@link #produce}, from any thread */
    public long sentSoFar() {
        return sentSoFar.get();
    }

    /** Makes a running {@link #produce} stop after the current record, flush and return. */
    public void requestStop() {
        stopRequested = true;
    }

    /** @param simulatedNow the latest valid record's time (bad input may carry any time, e.g. far in the future) */
    private void printProgress(long sent, long elapsedNanos, Instant simulatedNow) {
        double seconds = Math.max(elapsedNanos / 1e9, 1e-9);
        progress.printf(Locale.ROOT, "[simulator] %,d records in %.0f s (%,.0f/s), simulated time %s%n", sent, seconds,
                sent / seconds, OffsetDateTime.ofInstant(simulatedNow, ZoneOffset.ofHours(8)));
    }

    private static void sleepNanos(long nanos) {
        if (nanos <= 0) {
            return;
        }
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while pacing", e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
