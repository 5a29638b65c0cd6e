package cn.hrss.monitor.config;

/** A configuration problem found at start-up; the message names the file and the key. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
