package cn.hrss.monitor.config;

import cn.hrss.monitor.events.EventFamily;
import java.io.Serializable;
import java.util.Map;

/**
 * The Kafka cluster and the topics the job reads and writes ({@code kafka.*}).
 *
 * @param bounded read to the offsets latest at start, then finish (a backfill or replay)
 * @param topics input topic per event family
 * @param deadLetterTopic rejected records, masked
 * @param rulesTopic published rule versions (compacted)
 * @param alertsTopic alert transitions, keyed by alert id
 */
public record KafkaSettings(String bootstrapServers, String groupId, boolean bounded, Map<EventFamily, String> topics,
        String deadLetterTopic, String rulesTopic, String alertsTopic) implements Serializable {}
