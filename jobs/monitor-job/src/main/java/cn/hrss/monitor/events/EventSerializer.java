package cn.hrss.monitor.events;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Flink serializer of {@link Event}, written out field by field. Every accepted event crosses the network at least
 * once (to deduplication, keyed by id), and Flink's reflective POJO serializer spent about 15 % of the job's CPU on
 * it (field access by reflection, boxing of every number); this one writes the same values directly. Strings may be
 * null ({@link StringValue} marks them). {@code EventSerializerTest} fills every field of {@link Event} by reflection
 * and round-trips it, so a field added to the event and forgotten here fails the build.
 */
public final class EventSerializer extends TypeSerializerSingleton<Event> {
    private static final long serialVersionUID = 1L;
    public static final EventSerializer INSTANCE = new EventSerializer();
    private static final EventType[] TYPES = EventType.values();
    private static final int NO_TYPE = -1;

    private EventSerializer() {}

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public Event createInstance() {
        return new Event();
    }

    @Override
    public Event copy(Event from) {
        Event to = new Event();
        to.eventId = from.eventId;
        to.type = from.type;
        to.occurredAt = from.occurredAt;
        to.offsetSeconds = from.offsetSeconds;
        to.regionCode = from.regionCode;
        to.source = from.source;
        to.insuranceType = from.insuranceType;
        to.personPseudonym = from.personPseudonym;
        to.birthYear = from.birthYear;
        to.sex = from.sex;
        to.employerUscc = from.employerUscc;
        to.employerHeadcount = from.employerHeadcount;
        to.employmentForm = from.employmentForm;
        to.contributorKind = from.contributorKind;
        to.reason = from.reason;
        to.feePeriod = from.feePeriod;
        to.benefitItem = from.benefitItem;
        to.benefitMonth = from.benefitMonth;
        to.batchId = from.batchId;
        to.amountFen = from.amountFen;
        to.recordDate = from.recordDate;
        to.recordSource = from.recordSource;
        to.kafkaTopic = from.kafkaTopic;
        to.kafkaPartition = from.kafkaPartition;
        to.kafkaOffset = from.kafkaOffset;
        return to;
    }

    @Override
    public Event copy(Event from, Event reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(Event e, DataOutputView out) throws IOException {
        StringValue.writeString(e.eventId, out);
        out.writeByte(e.type == null ? NO_TYPE : e.type.ordinal());
        out.writeLong(e.occurredAt);
        out.writeInt(e.offsetSeconds);
        StringValue.writeString(e.regionCode, out);
        StringValue.writeString(e.source, out);
        StringValue.writeString(e.insuranceType, out);
        StringValue.writeString(e.personPseudonym, out);
        out.writeInt(e.birthYear);
        StringValue.writeString(e.sex, out);
        StringValue.writeString(e.employerUscc, out);
        out.writeInt(e.employerHeadcount);
        StringValue.writeString(e.employmentForm, out);
        StringValue.writeString(e.contributorKind, out);
        StringValue.writeString(e.reason, out);
        out.writeInt(e.feePeriod);
        StringValue.writeString(e.benefitItem, out);
        out.writeInt(e.benefitMonth);
        StringValue.writeString(e.batchId, out);
        out.writeLong(e.amountFen);
        out.writeInt(e.recordDate);
        StringValue.writeString(e.recordSource, out);
        StringValue.writeString(e.kafkaTopic, out);
        out.writeInt(e.kafkaPartition);
        out.writeLong(e.kafkaOffset);
    }

    @Override
    public Event deserialize(DataInputView in) throws IOException {
        Event e = new Event();
        e.eventId = StringValue.readString(in);
        byte type = in.readByte();
        e.type = type == NO_TYPE ? null : TYPES[type];
        e.occurredAt = in.readLong();
        e.offsetSeconds = in.readInt();
        e.regionCode = StringValue.readString(in);
        e.source = StringValue.readString(in);
        e.insuranceType = StringValue.readString(in);
        e.personPseudonym = StringValue.readString(in);
        e.birthYear = in.readInt();
        e.sex = StringValue.readString(in);
        e.employerUscc = StringValue.readString(in);
        e.employerHeadcount = in.readInt();
        e.employmentForm = StringValue.readString(in);
        e.contributorKind = StringValue.readString(in);
        e.reason = StringValue.readString(in);
        e.feePeriod = in.readInt();
        e.benefitItem = StringValue.readString(in);
        e.benefitMonth = in.readInt();
        e.batchId = StringValue.readString(in);
        e.amountFen = in.readLong();
        e.recordDate = in.readInt();
        e.recordSource = StringValue.readString(in);
        e.kafkaTopic = StringValue.readString(in);
        e.kafkaPartition = in.readInt();
        e.kafkaOffset = in.readLong();
        return e;
    }

    @Override
    public Event deserialize(Event reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    @Override
    public TypeSerializerSnapshot<Event> snapshotConfiguration() {
        return new Snapshot();
    }

    /** The format has no parameters: a snapshot only names the serializer. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<Event> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
