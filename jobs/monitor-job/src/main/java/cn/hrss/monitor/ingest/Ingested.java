package cn.hrss.monitor.ingest;

import cn.hrss.monitor.events.Event;

/** What ingestion made of one Kafka record: exactly one of {@link #event} and {@link #rejected} is set. */
public class Ingested {
    public Event event;
    public RejectedRecord rejected;

    public Ingested() {}

    public static Ingested accepted(Event event) {
        Ingested i = new Ingested();
        i.event = event;
        return i;
    }

    public static Ingested rejected(RejectedRecord rejected) {
        Ingested i = new Ingested();
        i.rejected = rejected;
        return i;
    }

    public boolean isAccepted() {
        return event != null;
    }
}
