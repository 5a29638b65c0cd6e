package cn.hrss.monitor.devstack.bench;

import cn.hrss.monitor.devstack.LocalFlinkCluster;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The latest completed checkpoint of a job, read from the REST API ({@code /jobs/<id>/checkpoints} and its
 * {@code details/<checkpoint>}): its total state size and each job vertex's (chained operators share one vertex).
 *
 * @param id checkpoint id, or -1 when none has completed yet
 * @param stateSize {@code state_size}: the full size of the state in this checkpoint
 * @param checkpointedSize {@code checkpointed_size}: what this checkpoint wrote (equal for full heap snapshots)
 * @param byVertex state size per job vertex name
 */
record CheckpointSizes(long id, long stateSize, long checkpointedSize, Map<String, Long> byVertex) {
    static final CheckpointSizes NONE = new CheckpointSizes(-1, 0, 0, Map.of());

    static CheckpointSizes latest(LocalFlinkCluster cluster, String jobId) throws Exception {
        JsonNode completed = cluster.rest("/jobs/" + jobId + "/checkpoints").path("latest").path("completed");
        if (completed.isMissingNode() || completed.isNull()) {
            return NONE;
        }
        long id = completed.get("id").asLong();
        Map<String, String> names = new LinkedHashMap<>();
        for (JsonNode v : cluster.rest("/jobs/" + jobId).get("vertices")) {
            names.put(v.get("id").asText(), v.get("name").asText());
        }
        Map<String, Long> byVertex = new LinkedHashMap<>();
        cluster.rest("/jobs/" + jobId + "/checkpoints/details/" + id).path("tasks").fields().forEachRemaining(t ->
                byVertex.put(names.getOrDefault(t.getKey(), t.getKey()), t.getValue().path("state_size").asLong()));
        return new CheckpointSizes(id, completed.get("state_size").asLong(),
                completed.path("checkpointed_size").asLong(), byVertex);
    }

    /**
     * @return the summed state of the vertices headed by {@code operator} (a name prefix): a keyed operator heads its
     *     chain, and matching anywhere in a chain's name would count the chain it is merely fed from
     */
    long of(String operator) {
        return byVertex.entrySet().stream().filter(e -> e.getKey().startsWith(operator))
                .mapToLong(Map.Entry::getValue).sum();
    }
}
