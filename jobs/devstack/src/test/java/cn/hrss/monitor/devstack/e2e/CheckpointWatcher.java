package cn.hrss.monitor.devstack.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Searches the checkpoint files for citizen IDs while the job runs. Flink deletes the checkpoints of a finished job,
 * so they must be read while they exist: every file is read again whenever its size has changed.
 */
final class CheckpointWatcher {
    private static final long POLL_MILLIS = 100;

    private final Path directory;
    private final CitizenIdScanner scanner;
    private final Map<Path, Long> scannedSizes = new HashMap<>();
    private final Thread thread;
    private volatile boolean stopping;

    /**
     * @param filesScanned distinct checkpoint files read
     * @param bytesScanned bytes searched, counting re-reads
     * @param idsFound IDs found in them (should be none)
     */
    record Findings(int filesScanned, long bytesScanned, Set<String> idsFound) {}

    private CheckpointWatcher(Path directory, Set<String> ids) {
        this.directory = directory;
        this.scanner = new CitizenIdScanner(ids);
        this.thread = new Thread(this::run, "checkpoint-watcher");
        this.thread.setDaemon(true);
    }

    static CheckpointWatcher start(Path directory, Set<String> ids) {
        CheckpointWatcher watcher = new CheckpointWatcher(directory, ids);
        watcher.thread.start();
        return watcher;
    }

    /** Stops watching after one last pass over what is left. */
    Findings stop() throws InterruptedException {
        stopping = true;
        thread.join();
        scanOnce();
        return new Findings(scannedSizes.size(), scanner.bytesScanned(), Set.copyOf(scanner.found()));
    }

    private void run() {
        while (!stopping) {
            scanOnce();
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void scanOnce() {
        for (Path file : files()) {
            try {
                long size = Files.size(file);
                if (size == 0 || Long.valueOf(size).equals(scannedSizes.get(file))) {
                    continue;
                }
                scanner.scan(Files.readAllBytes(file));
                scannedSizes.put(file, size);
            } catch (NoSuchFileException deletedMeanwhile) {
                // Flink dropped a superseded checkpoint between listing and reading.
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private List<Path> files() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            return paths.filter(Files::isRegularFile).toList();
        } catch (UncheckedIOException | IOException deletedWhileWalking) {
            return List.of();
        }
    }
}
