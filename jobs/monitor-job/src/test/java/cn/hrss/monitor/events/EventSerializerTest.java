package cn.hrss.monitor.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class EventSerializerTest {
    private static List<Field> fields() {
        return Arrays.stream(Event.class.getDeclaredFields())
                .filter(f -> !Modifier.isStatic(f.getModifiers()))
                .toList();
    }

    /** Every field set, each to a value of its own, so a field the serializer skips or swaps shows. */
    private static Event everyFieldSet() throws Exception {
        Event e = new Event();
        int n = 1;
        for (Field f : fields()) {
            n++;
            if (f.getType() == String.class) {
                f.set(e, f.getName() + "-值-" + n);
            } else if (f.getType() == long.class) {
                f.setLong(e, 10_000_000_000L + n);
            } else if (f.getType() == int.class) {
                f.setInt(e, 1_000 + n);
            } else if (f.getType() == EventType.class) {
                f.set(e, EventType.BENEFIT_PAID);
            } else {
                throw new AssertionError("no test value for " + f + ": extend this test and EventSerializer");
            }
        }
        return e;
    }

    private static Event roundTrip(TypeSerializer<Event> serializer, Event e) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(e, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        Event back = serializer.deserialize(in);
        assertThat(in.available()).isZero();
        return back;
    }

    private static void assertSameFields(Event actual, Event expected) throws Exception {
        for (Field f : fields()) {
            assertThat(f.get(actual)).as(f.getName()).isEqualTo(f.get(expected));
        }
    }

    @Test
    void everyFieldSurvivesSerializationAndCopy() throws Exception {
        Event e = everyFieldSet();
        assertSameFields(roundTrip(EventSerializer.INSTANCE, e), e);
        assertSameFields(EventSerializer.INSTANCE.copy(e), e);
    }

    @Test
    void absentFieldsStayAbsent() throws Exception {
        assertSameFields(roundTrip(EventSerializer.INSTANCE, new Event()), new Event());
    }

    @Test
    void flinkUsesThisSerializerForEventsAndRestoresItFromASnapshot() throws Exception {
        TypeInformation<Event> info = TypeInformation.of(Event.class);
        assertThat(info).isInstanceOf(EventTypeInfo.class);
        assertThat(info.createSerializer(new SerializerConfigImpl())).isSameAs(EventSerializer.INSTANCE);

        TypeSerializerSnapshot<Event> snapshot = EventSerializer.INSTANCE.snapshotConfiguration();
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, snapshot);
        TypeSerializerSnapshot<Event> restored = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());
        assertThat(restored.restoreSerializer()).isSameAs(EventSerializer.INSTANCE);
        assertThat(restored.resolveSchemaCompatibility(EventSerializer.INSTANCE.snapshotConfiguration())
                .isCompatibleAsIs()).isTrue();
    }
}
