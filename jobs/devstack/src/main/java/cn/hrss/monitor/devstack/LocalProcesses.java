package cn.hrss.monitor.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** What the local stack's server processes (ClickHouse, Alertmanager, Flink) share: ports, stopping, logs, clean-up. */
public final class LocalProcesses {
    private LocalProcesses() {}

    private static final int LOWEST_PORT = 10_000;
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

    /**
     * A free loopback port below the kernel's ephemeral range. A port from the ephemeral range (what binding to port
     * 0 gives) can be taken by any outgoing connection before the server that was meant to get it binds it; CI saw
     * ClickHouse fail with "Address already in use" four seconds after its ports were chosen.
     */
    public static int freePort() throws IOException {
        return freePorts(1)[0];
    }

    /** {@link #freePort()} for several servers at once: the ports are held together while chosen, so they differ. */
    static int[] freePorts(int count) throws IOException {
        int below = ephemeralRangeStart();
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int attempt = 0; attempt < 200 && held.size() < count; attempt++) {
                int port = ThreadLocalRandom.current().nextInt(LOWEST_PORT, below);
                ServerSocket socket = new ServerSocket();
                try {
                    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                    held.add(socket);
                } catch (IOException taken) {
                    socket.close();
                }
            }
            if (held.size() < count) {
                throw new IOException("no " + count + " free ports between " + LOWEST_PORT + " and " + below);
            }
            return held.stream().mapToInt(ServerSocket::getLocalPort).toArray();
        } finally {
            for (ServerSocket socket : held) {
                socket.close();
            }
        }
    }

    private static int ephemeralRangeStart() {
        try {
            int start = Integer.parseInt(Files.readString(EPHEMERAL_RANGE).trim().split("\\s+")[0]);
            return start > LOWEST_PORT + 1_000 ? start : 32_768;
        } catch (IOException | RuntimeException notLinux) {
            return 32_768;
        }
    }

    /**
     * Stops a process and its descendants (a server may run as a child of a watchdog process, and one left running
     * keeps writing into a directory being deleted): politely, then forcibly after {@code timeoutMs}.
     */
    public static void stopTree(Process process, long timeoutMs) {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        try {
            for (ProcessHandle p : tree) {
                p.onExit().get(timeoutMs, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception stillRunning) {
            // killed below
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /** The last 20 lines of a log, for error messages; "" when there is none. */
    public static String tail(Path log) {
        try {
            if (!Files.exists(log)) {
                return "";
            }
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())) + "\n";
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")\n";
        }
    }

    public static void sleep(long ms, String waitingFor) throws IOException {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while waiting for " + waitingFor, e);
        }
    }

    /** Deletes a work directory and everything in it; nothing if it does not exist. */
    public static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + root, e);
        }
    }
}
