package cn.hrss.monitor.devstack.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's load average, printed next to every figure: the machine is shared, and load skews them all. */
final class LoadAverage {
    private LoadAverage() {}

    /** @return the 1, 5 and 15 minute load averages, e.g. {@code 11.59 30.72 37.41} */
    static String now() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
