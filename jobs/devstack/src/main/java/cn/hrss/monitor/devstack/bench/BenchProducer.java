package cn.hrss.monitor.devstack.bench;

import cn.hrss.monitor.devstack.LocalStack;
import cn.hrss.monitor.simulator.EventGenerator;
import cn.hrss.monitor.simulator.KafkaEventProducer;
import cn.hrss.monitor.simulator.config.SimulatorConfig;
import java.util.Locale;
import java.util.function.Consumer;

/** Pre-produces a benchmark's records into the stack's Kafka, unpaced, and says how much event time they span. */
final class BenchProducer {
    private BenchProducer() {}

    /** @return records sent: the first {@code records} of the simulation {@code config} */
    static long produce(LocalStack stack, SimulatorConfig config, long records, Consumer<String> say) {
        EventGenerator generator = new EventGenerator(config);
        say.accept(String.format(Locale.ROOT, "producing %,d records, unpaced, all scenarios ...", records));
        long start = System.nanoTime();
        long sent;
        try (KafkaEventProducer producer = new KafkaEventProducer(
                stack.kafkaBootstrapServers(), KafkaEventProducer.DEFAULT_TOPIC_PREFIX, System.out)) {
            sent = producer.produce(generator, records, null, 0);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double simulated = (generator.simulatedNow().toEpochMilli() - config.simulatedStart().toEpochMilli()) / 1000.0;
        say.accept(String.format(Locale.ROOT, "produced %,d records in %.1f s (%,.0f/s); event time spans %.0f s"
                        + " (%.1f days): %,.0f records per simulated second, %,.0f per simulated day", sent, seconds,
                sent / seconds, simulated, simulated / 86_400, sent / simulated, sent / simulated * 86_400));
        return sent;
    }
}
