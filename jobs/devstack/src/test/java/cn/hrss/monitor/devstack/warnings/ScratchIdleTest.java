package cn.hrss.monitor.devstack.warnings;

import cn.hrss.monitor.devstack.LocalKafka;
import cn.hrss.monitor.warnings.rules.RuleUpdateWatermarks;
import cn.hrss.monitor.warnings.rules.RuleDefinition;
import cn.hrss.monitor.warnings.rules.RuleUpdateDeserializer;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class ScratchIdleTest {
    @Test
    void idleMainInputAndMaxWatermarkBroadcast() throws Exception {
        try (LocalKafka kafka = LocalKafka.start()) {
            kafka.createTopics(Map.of("ev", 1, "ru", 1));
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
            var events = env.fromSource(KafkaSource.<String>builder().setBootstrapServers(kafka.bootstrapServers())
                    .setTopics("ev").setStartingOffsets(OffsetsInitializer.earliest()).setGroupId("g1")
                    .setValueOnlyDeserializer(new SimpleStringSchema()).build(),
                    WatermarkStrategy.<String>forBoundedOutOfOrderness(Duration.ZERO)
                            .withTimestampAssigner((s, t) -> Long.parseLong(s)).withIdleness(Duration.ofSeconds(1)), "ev");
            var rules = env.fromSource(KafkaSource.<RuleDefinition>builder().setBootstrapServers(kafka.bootstrapServers())
                    .setTopics("ru").setStartingOffsets(OffsetsInitializer.earliest()).setGroupId("g2")
                    .setDeserializer(new RuleUpdateDeserializer()).build(), RuleUpdateWatermarks.strategy(), "ru");
            MapStateDescriptor<String, RuleDefinition> d = new MapStateDescriptor<>("r", String.class, RuleDefinition.class);
            var out = events.keyBy(s -> "k").connect(rules.broadcast(d)).process(
                    new KeyedBroadcastProcessFunction<String, String, RuleDefinition, String>() {
                        @Override
                        public void processElement(String v, ReadOnlyContext ctx, Collector<String> o) {
                            ctx.timerService().registerEventTimeTimer(ctx.timestamp() + 3_600_000L);
                            o.collect("element " + v + " watermark " + ctx.timerService().currentWatermark());
                        }
                        @Override
                        public void onTimer(long ts, OnTimerContext ctx, Collector<String> o) {
                            o.collect("TIMER " + ts + " fired at watermark " + ctx.timerService().currentWatermark());
                        }
                        @Override
                        public void processBroadcastElement(RuleDefinition r, Context ctx, Collector<String> o) {}
                    });
            Properties p = new Properties();
            p.put("bootstrap.servers", kafka.bootstrapServers());
            p.put("key.serializer", StringSerializer.class.getName());
            p.put("value.serializer", StringSerializer.class.getName());
            try (var producer = new KafkaProducer<String, String>(p);
                 CloseableIterator<String> it = out.executeAndCollect("scratch")) {
                long now = System.currentTimeMillis();
                producer.send(new ProducerRecord<>("ev", "k", String.valueOf(now - 7_200_000L))).get();
                long end = System.currentTimeMillis() + 15_000;
                int n = 0;
                while (System.currentTimeMillis() < end && n < 2 && it.hasNext()) {
                    System.out.println("SCRATCH " + it.next());
                    n++;
                }
            }
        }
    }
}
