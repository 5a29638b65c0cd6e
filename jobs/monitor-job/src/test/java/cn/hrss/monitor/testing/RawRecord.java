package cn.hrss.monitor.testing;

/** A record as it would sit in Kafka: coordinates and the JSON payload. */
public class RawRecord {
    public String topic;
    public int partition;
    public long offset;
    public String payload;

    public RawRecord() {}

    public RawRecord(String topic, int partition, long offset, String payload) {
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
        this.payload = payload;
    }
}
