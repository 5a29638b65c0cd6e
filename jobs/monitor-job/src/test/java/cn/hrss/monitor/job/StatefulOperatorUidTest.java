package cn.hrss.monitor.job;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hrss.monitor.config.MonitorConfig;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;

/**
 * Savepoints map state to operators by uid: an operator that keeps state but has none gets an id Flink derives from
 * the graph's shape, which the next change of the graph moves, and its state is then lost on restore. The production
 * graph (real Kafka source and ClickHouse, Kafka and Alertmanager sinks; nothing is connected to build it) is walked:
 * every keyed operator, source and sink must carry a uid, and no two the same.
 */
class StatefulOperatorUidTest {

    @Test
    void everyStatefulOperatorHasAUniqueUid() {
        MonitorConfig config = MonitorConfig.from(withAlertmanager(), "test", name -> null);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        MonitorJob.configure(env, config);
        MonitorJob.defineWorkflow(env, new KafkaMonitorSources(config, false), new ProductionSinks(config), config);
        StreamGraph graph = env.getStreamGraph();

        List<StreamNode> stateful = graph.getStreamNodes().stream()
                .filter(n -> n.getStateKeySerializer() != null || n.getInEdges().isEmpty() || n.getOutEdges().isEmpty())
                .toList();
        assertThat(stateful).as("keyed operators, sources and sinks").hasSizeGreaterThan(20);
        assertThat(stateful).as("stateful operators without a uid")
                .filteredOn(n -> n.getTransformationUID() == null)
                .extracting(StreamNode::getOperatorName)
                .isEmpty();
        assertThat(stateful).extracting(StreamNode::getTransformationUID).doesNotHaveDuplicates();
    }

    /** The shipped configuration with notifications on, so the Alertmanager sink is in the graph too. */
    private static Properties withAlertmanager() {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of("../../conf/app.properties"))) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        p.setProperty("alertmanager.urls", "http://127.0.0.1:9093");
        return p;
    }
}
