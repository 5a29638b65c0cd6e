package cn.hrss.monitor.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Flink standalone session cluster as separate JVMs, the way a distribution's scripts start one: one JobManager
 * ({@code StandaloneSessionClusterEntrypoint}) and N TaskManagers ({@code TaskManagerRunner}, memory options from
 * {@code BashJavaUtils GET_TM_RESOURCE_PARAMS}), on the classpath of {@code jobs/flink-lib} (Flink's own artifacts
 * only), with checkpoints and savepoints in its directory. Jobs are submitted as users submit them: the shaded job jar
 * through Flink's command-line client ({@code flink run -d}). Processes and directory go with {@link #close()}.
 */
public final class LocalFlinkCluster implements AutoCloseable {
    /** Java 17 needs these opened for Flink (its own scripts pass the same through env.java.opts). */
    private static final List<String> JAVA_OPENS = Arrays.stream(new String[] {
        "java.base/java.lang", "java.base/java.util", "java.base/java.lang.reflect", "java.base/java.io",
        "java.base/java.net", "java.base/java.nio", "java.base/sun.nio.ch", "java.base/java.time",
        "java.base/java.util.concurrent", "java.base/java.util.concurrent.atomic"})
            .map(p -> "--add-opens=" + p + "=ALL-UNNAMED").toList();
    private static final Pattern SUBMITTED = Pattern.compile("Job has been submitted with JobID ([0-9a-f]{32})");
    private static final String RESULT_PREFIX = "BASH_JAVA_UTILS_EXEC_RESULT:";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long START_TIMEOUT_MS = 90_000;
    private static final int STOP_ATTEMPTS = 5;
    private static final Duration CHECKPOINT_WAIT = Duration.ofMinutes(5);

    private final Path dir;
    private final String classpath;
    private final int restPort;
    private final Map<String, String> jobEnvironment;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process jobManager;
    private final List<Process> taskManagers = new ArrayList<>();

    /**
     * {@code bin/cluster}: starts a cluster, optionally submits the job jar with a configuration file, and keeps it
     * running until Ctrl-C. Usage: {@code LocalFlinkCluster [--task-managers N] [--slots N] [--submit app.properties]}.
     */
    public static void main(String[] args) throws Exception {
        int taskManagers = 2;
        int slots = 2;
        String submit = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--task-managers" -> taskManagers = Integer.parseInt(args[++i]);
                case "--slots" -> slots = Integer.parseInt(args[++i]);
                case "--submit" -> submit = args[++i];
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; usage: bin/cluster [--task-managers N] [--slots N] [--submit app.properties]");
            }
        }
        Path dir = Path.of(".cluster").toAbsolutePath();
        LocalProcesses.deleteRecursively(dir);
        LocalFlinkCluster cluster = start(dir, taskManagers, slots, System.getenv());
        Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "stop-local-flink-cluster"));
        System.out.printf("Flink cluster up: JobManager REST %s, %d TaskManagers x %d slots; logs in %s%n",
                cluster.restUrl(), taskManagers, slots, dir.resolve("log"));
        System.out.printf("Submit with: FLINK_CONF_DIR=%s flink run -d <job jar> <app.properties>%n",
                dir.resolve("conf"));
        if (submit != null) {
            System.out.println("Submitted job " + cluster.submit(shadedJobJar(), submit));
        }
        System.out.println("Ctrl-C stops the cluster.");
        Thread.currentThread().join();
    }

    /** The shaded job jar the build made ({@code jobs/monitor-job/target/monitor-job-*-job.jar}). */
    public static Path shadedJobJar() throws IOException {
        Path target = repositoryFile("jobs/monitor-job/target");
        try (var files = Files.list(target)) {
            return files.filter(f -> f.getFileName().toString().endsWith("-job.jar")).findFirst()
                    .orElseThrow(() -> new IOException("no shaded job jar in " + target + ": build it first"
                            + " (mvn -DskipTests package)"));
        }
    }

    private LocalFlinkCluster(Path dir, String classpath, int restPort, Map<String, String> jobEnvironment) {
        this.dir = dir;
        this.classpath = classpath;
        this.restPort = restPort;
        this.jobEnvironment = Map.copyOf(jobEnvironment);
    }

    /**
     * Starts a JobManager and {@code taskManagers} TaskManagers of {@code slots} slots each and waits until all are
     * registered.
     *
     * @param jobEnvironment environment of the TaskManagers and the submitting client (the job's HRSS_* settings and
     *     secrets, as an installation would set them)
     */
    public static LocalFlinkCluster start(Path dir, int taskManagers, int slots, Map<String, String> jobEnvironment)
            throws IOException {
        Files.createDirectories(dir.resolve("conf"));
        Files.createDirectories(dir.resolve("log"));
        Files.createDirectories(dir.resolve("tmp"));
        LocalFlinkCluster cluster = new LocalFlinkCluster(dir, Files.readString(flinkLibClasspath()).trim(),
                LocalProcesses.freePort(), jobEnvironment);
        try {
            cluster.writeConfiguration(slots);
            cluster.jobManager = cluster.launch("jobmanager", cluster.resourceParams("GET_JM_RESOURCE_PARAMS"),
                    "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint");
            for (int i = 0; i < taskManagers; i++) {
                cluster.startTaskManager();
            }
            cluster.awaitTaskManagers(taskManagers);
            return cluster;
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    public URI restUrl() {
        return URI.create("http://127.0.0.1:" + restPort);
    }

    public Path checkpointDir() {
        return dir.resolve("checkpoints");
    }

    public Path savepointDir() {
        return dir.resolve("savepoints");
    }

    /** Adds a TaskManager (also after one was killed: a replacement, as an operator would start one). */
    public synchronized void startTaskManager() throws IOException {
        taskManagers.add(launch("taskmanager-" + taskManagers.size(), resourceParams("GET_TM_RESOURCE_PARAMS"),
                "org.apache.flink.runtime.taskexecutor.TaskManagerRunner"));
    }

    /** {@code kill -9} of the TaskManager {@code index}: no shutdown hooks, no goodbye to the JobManager. */
    public synchronized void killTaskManager(int index) throws InterruptedException {
        Process tm = taskManagers.get(index);
        tm.destroyForcibly();
        tm.waitFor();
    }

    /** {@code flink run -d jobJar args}: runs the job's main in a client JVM that submits it; returns the job id. */
    public String submit(Path jobJar, String... args) throws IOException, InterruptedException {
        return run(List.of(), jobJar, args);
    }

    /** {@code flink run -d -s savepoint jobJar args}. */
    public String submitFromSavepoint(String savepoint, Path jobJar, String... args)
            throws IOException, InterruptedException {
        return run(List.of("-s", savepoint), jobJar, args);
    }

    private String run(List<String> options, Path jobJar, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("run", "-d"));
        command.addAll(options);
        command.add(jobJar.toString());
        command.addAll(List.of(args));
        String output = runClient(command);
        Matcher m = SUBMITTED.matcher(output);
        if (!m.find()) {
            throw new IOException("flink run did not submit the job:\n" + output);
        }
        return m.group(1);
    }

    /**
     * {@code flink stop --savepointPath dir jobId}: a savepoint, then the job finishes; returns the savepoint path.
     * A savepoint can be declined for a passing reason (a checkpoint racing a source subtask that just finished its
     * splits); like an operator, this tries again a few times.
     */
    public String stopWithSavepoint(String jobId) throws IOException, InterruptedException {
        return stop(jobId, false);
    }

    /**
     * {@code flink stop --drain}: the job's end for good. Sources stop and emit the maximum watermark first, so every
     * window and event-time timer fires, then the savepoint is taken and the job finishes. A job found FINISHED
     * after the client reported a failure (e.g. its answer timed out) has ended as asked, so that is success here.
     */
    public void drain(String jobId) throws IOException, InterruptedException {
        try {
            stop(jobId, true);
        } catch (IOException declined) {
            if (!"FINISHED".equals(jobState(jobId))) {
                throw declined;
            }
        }
    }

    /**
     * Both stops first wait for a checkpoint to complete: a task whose bounded input has ended (the rules source of a
     * backfill) waits for one before it finishes, and a stop triggered in that moment aborts the pending checkpoint
     * and then waits for an acknowledgement that task never sends (seen in CI with a drain).
     */
    private String stop(String jobId, boolean drain) throws IOException, InterruptedException {
        awaitNextCompletedCheckpoint(jobId);
        List<String> command = new ArrayList<>(List.of("stop", "--type", "canonical", "--savepointPath",
                savepointDir().toUri().toString()));
        if (drain) {
            command.add("--drain");
        }
        command.add(jobId);
        IOException last = null;
        for (int attempt = 1; attempt <= STOP_ATTEMPTS; attempt++) {
            try {
                String output = runClient(command);
                Matcher m = Pattern.compile("Savepoint completed\\. Path: (\\S+)").matcher(output);
                if (m.find()) {
                    return m.group(1);
                }
                throw new IOException("flink stop did not report a savepoint:\n" + output);
            } catch (IOException declined) {
                last = declined;
                if (!"RUNNING".equals(jobState(jobId))) {
                    break;
                }
                Thread.sleep(2_000);
            }
        }
        throw last;
    }

    /** Waits for a checkpoint triggered after this call to complete. */
    private void awaitNextCompletedCheckpoint(String jobId) throws IOException, InterruptedException {
        long since = System.currentTimeMillis();
        long deadline = System.nanoTime() + CHECKPOINT_WAIT.toNanos();
        while (rest("/jobs/" + jobId + "/checkpoints").path("latest").path("completed").path("trigger_timestamp")
                .asLong() < since) {
            if (System.nanoTime() > deadline) {
                throw new IOException("no checkpoint of job " + jobId + " completed within " + CHECKPOINT_WAIT);
            }
            Thread.sleep(200);
        }
    }

    /** GET on the REST API, e.g. {@code /jobs/<id>} or {@code /jobs/<id>/checkpoints}. */
    public JsonNode rest(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(restUrl().resolve(path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    /** @return the job's state, e.g. RUNNING, RESTARTING, FINISHED, FAILED */
    public String jobState(String jobId) throws IOException, InterruptedException {
        return rest("/jobs/" + jobId).get("state").asText();
    }

    /** The last lines of every process's log, for failure messages. */
    public String logs() throws IOException {
        StringBuilder all = new StringBuilder();
        try (var logs = Files.list(dir.resolve("log"))) {
            for (Path log : logs.sorted().toList()) {
                all.append("== ").append(log.getFileName()).append('\n').append(LocalProcesses.tail(log));
            }
        }
        return all.toString();
    }

    @Override
    public synchronized void close() {
        taskManagers.forEach(tm -> LocalProcesses.stopTree(tm, 10_000));
        taskManagers.clear();
        if (jobManager != null) {
            LocalProcesses.stopTree(jobManager, 10_000);
            jobManager = null;
        }
        // The logs stay for whoever looks into a failure; state and scratch files go.
        for (String scratch : List.of("checkpoints", "savepoints", "tmp")) {
            LocalProcesses.deleteRecursively(dir.resolve(scratch));
        }
    }

    private void writeConfiguration(int slots) throws IOException {
        String yaml = String.join("\n",
                "jobmanager.rpc.address: localhost",
                "jobmanager.bind-host: localhost",
                "jobmanager.rpc.port: " + LocalProcesses.freePort(),
                "jobmanager.memory.process.size: 1200m",
                "rest.address: localhost",
                "rest.bind-address: localhost",
                "rest.port: " + restPort,
                "taskmanager.host: localhost",
                "taskmanager.bind-host: localhost",
                "taskmanager.numberOfTaskSlots: " + slots,
                "taskmanager.memory.process.size: 2048m",
                // The job keeps its state on the heap (hashmap backend): little managed memory needed.
                "taskmanager.memory.managed.fraction: 0.1",
                "parallelism.default: " + slots,
                // Subtasks spread over all TaskManagers, so losing one TaskManager takes part of the job with it.
                "cluster.evenly-spread-out-slots: true",
                "execution.checkpointing.dir: " + checkpointDir().toUri(),
                "execution.checkpointing.savepoint-dir: " + savepointDir().toUri(),
                "restart-strategy.type: fixed-delay",
                "restart-strategy.fixed-delay.attempts: 20",
                "restart-strategy.fixed-delay.delay: 2 s",
                // A killed TaskManager refuses heartbeat RPCs: two refused in a row (heartbeat.rpc-failure-threshold)
                // mark it lost within seconds. The timeout itself stays generous for a busy machine's pauses.
                "heartbeat.interval: 2000",
                "heartbeat.timeout: 30000",
                // The CLI waits this long for a stop's savepoint. A drain fires every pending window first, which on
                // a busy two-core machine took over the default minute; a client that gives up and retries aborts
                // the savepoint in progress.
                "client.timeout: 10 min",
                "io.tmp.dirs: " + dir.resolve("tmp"),
                "");
        Files.writeString(dir.resolve("conf/config.yaml"), yaml, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("conf/log4j.properties"), String.join("\n",
                "rootLogger.level = INFO",
                "rootLogger.appenderRef.file.ref = FileAppender",
                "appender.file.name = FileAppender",
                "appender.file.type = FILE",
                "appender.file.fileName = ${sys:log.file}",
                "appender.file.layout.type = PatternLayout",
                "appender.file.layout.pattern = %d{HH:mm:ss,SSS} %-5p %-60c %x - %m%n",
                "logger.kafka.name = org.apache.kafka",
                "logger.kafka.level = WARN",
                ""), StandardCharsets.UTF_8);
    }

    /** BashJavaUtils' answer: its first line the JVM options, its second the dynamic configuration (-D k=v ...). */
    private List<String> resourceParams(String which) throws IOException {
        List<String> command = javaCommand(List.of(), "org.apache.flink.runtime.util.bash.BashJavaUtils");
        command.addAll(List.of(which, "--configDir", dir.resolve("conf").toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        List<String> results = output.lines().filter(l -> l.startsWith(RESULT_PREFIX))
                .map(l -> l.substring(RESULT_PREFIX.length())).toList();
        if (results.size() != 2) {
            throw new IOException("BashJavaUtils " + which + " gave no memory settings:\n" + output);
        }
        return results;
    }

    private List<String> javaCommand(List<String> jvmOptions, String mainClass) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JAVA_OPENS);
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classpath, mainClass));
        return command;
    }

    /** @param resources BashJavaUtils' two lines: JVM memory options, then dynamic configuration */
    private Process launch(String name, List<String> resources, String mainClass) throws IOException {
        List<String> jvm = new ArrayList<>(Arrays.asList(resources.get(0).trim().split("\\s+")));
        jvm.add("-Dlog.file=" + dir.resolve("log/" + name + ".log"));
        jvm.add("-Dlog4j.configurationFile=" + dir.resolve("conf/log4j.properties").toUri());
        List<String> command = javaCommand(jvm, mainClass);
        command.addAll(List.of("--configDir", dir.resolve("conf").toString()));
        command.addAll(Arrays.asList(resources.get(1).trim().split("\\s+")));
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("log/" + name + ".out").toFile());
        pb.environment().putAll(jobEnvironment);
        return pb.start();
    }

    private void awaitTaskManagers(int expected) throws IOException {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        while (true) {
            try {
                if (rest("/overview").get("taskmanagers").asInt() >= expected) {
                    return;
                }
            } catch (IOException notYet) {
                // the REST endpoint is not up yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while starting the cluster", e);
            }
            if (!jobManager.isAlive() || System.currentTimeMillis() > deadline) {
                throw new IOException("the cluster did not register " + expected + " TaskManagers within "
                        + START_TIMEOUT_MS + " ms. Logs:\n" + logs());
            }
            LocalProcesses.sleep(250, "the Flink cluster");
        }
    }

    private String runClient(List<String> arguments) throws IOException, InterruptedException {
        List<String> command = javaCommand(List.of("-Dlog.file=" + dir.resolve("log/client.log"),
                "-Dlog4j.configurationFile=" + dir.resolve("conf/log4j.properties").toUri()),
                "org.apache.flink.client.cli.CliFrontend");
        command.addAll(arguments);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(jobEnvironment);
        pb.environment().put("FLINK_CONF_DIR", dir.resolve("conf").toString());
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        if (exit != 0) {
            throw new IOException("flink " + String.join(" ", arguments) + " exited with " + exit + ":\n" + output);
        }
        return output;
    }

    /** {@code jobs/flink-lib/target/classpath.txt}, written by the build. */
    private static Path flinkLibClasspath() throws IOException {
        return repositoryFile("jobs/flink-lib/target/classpath.txt");
    }

    /** A path of the repository, found from the working directory (the root, or a module directory in tests). */
    private static Path repositoryFile(String path) throws IOException {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.exists(d.resolve(path))) {
                return d.resolve(path);
            }
        }
        throw new IOException(path + " not found: build first (mvn -DskipTests package)");
    }
}
