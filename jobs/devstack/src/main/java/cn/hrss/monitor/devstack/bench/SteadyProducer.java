package cn.hrss.monitor.devstack.bench;

import cn.hrss.monitor.simulator.EventGenerator;
import cn.hrss.monitor.simulator.KafkaEventProducer;
import cn.hrss.monitor.simulator.wire.SimulatedRecord;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Sends simulated records at a steady wall-clock rate and tells a listener when each was handed to Kafka, so that
 * the benchmark knows the wall time of every event time it produced. Behind schedule it sends at full speed until
 * it has caught up.
 */
final class SteadyProducer implements AutoCloseable {
    /** Called on the producing thread right after each send. */
    interface Listener {
        void sent(SimulatedRecord record, long nanos);
    }

    private final KafkaProducer<String, String> producer;
    private final String topicPrefix;
    private final AtomicLong sentSoFar = new AtomicLong();

    SteadyProducer(String bootstrapServers, String topicPrefix) {
        this.producer = new KafkaProducer<>(KafkaEventProducer.producerProperties(bootstrapServers));
        this.topicPrefix = topicPrefix;
    }

    /** @return records sent, all acknowledged */
    long run(EventGenerator generator, double rate, Duration duration, Listener listener) throws InterruptedException {
        AtomicReference<Exception> failure = new AtomicReference<>();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long sent = 0;
        long now;
        while ((now = System.nanoTime()) < end) {
            long due = start + (long) (sent * 1e9 / rate);
            if (due - now > 1_000_000) {
                Thread.sleep((due - now) / 1_000_000);
                continue;
            }
            SimulatedRecord r = generator.next();
            producer.send(new ProducerRecord<>(KafkaEventProducer.topic(topicPrefix, r.topicFamily()), r.key(),
                    r.json()), (metadata, e) -> {
                        if (e != null) {
                            failure.compareAndSet(null, e);
                        }
                    });
            listener.sent(r, System.nanoTime());
            sentSoFar.set(++sent);
        }
        producer.flush();
        if (failure.get() != null) {
            throw new IllegalStateException("Kafka did not acknowledge every record", failure.get());
        }
        return sent;
    }

    long sentSoFar() {
        return sentSoFar.get();
    }

    @Override
    public void close() {
        producer.close();
    }
}
