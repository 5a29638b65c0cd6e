package cn.hrss.monitor.devstack.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedBoundedRun.class)
class ScratchHoldTest {
    @Test
    void hold(BoundedRun run) throws Exception {
        Files.writeString(Path.of("/tmp/e2e_stack.txt"), run.stack.clickHouseUrl() + " " + run.stack.database() + " " + run.stack.kafkaBootstrapServers() + "\n");
        long deadline = System.currentTimeMillis() + 25 * 60_000;
        while (!Files.exists(Path.of("/tmp/e2e_stop")) && System.currentTimeMillis() < deadline) {
            Thread.sleep(1000);
        }
    }
}
