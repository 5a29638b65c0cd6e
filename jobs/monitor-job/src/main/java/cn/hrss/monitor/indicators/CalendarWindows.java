package cn.hrss.monitor.indicators;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.streaming.api.windowing.assigners.WindowAssigner;
import org.apache.flink.streaming.api.windowing.triggers.EventTimeTrigger;
import org.apache.flink.streaming.api.windowing.triggers.Trigger;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/** Tumbling calendar months or years in a time zone: unlike fixed-size windows, their lengths vary. */
public final class CalendarWindows extends WindowAssigner<Object, TimeWindow> {
    private final ChronoUnit unit;
    private final ZoneId zone;

    private CalendarWindows(ChronoUnit unit, ZoneId zone) {
        this.unit = unit;
        this.zone = zone;
    }

    public static CalendarWindows months(ZoneId zone) {
        return new CalendarWindows(ChronoUnit.MONTHS, zone);
    }

    public static CalendarWindows years(ZoneId zone) {
        return new CalendarWindows(ChronoUnit.YEARS, zone);
    }

    @Override
    public Collection<TimeWindow> assignWindows(Object element, long timestamp, WindowAssignerContext context) {
        LocalDate day = Instant.ofEpochMilli(timestamp).atZone(zone).toLocalDate();
        LocalDate start = unit == ChronoUnit.MONTHS ? day.withDayOfMonth(1) : day.withDayOfYear(1);
        LocalDate end = start.plus(1, unit);
        return List.of(new TimeWindow(
                start.atStartOfDay(zone).toInstant().toEpochMilli(), end.atStartOfDay(zone).toInstant().toEpochMilli()));
    }

    @Override
    public Trigger<Object, TimeWindow> getDefaultTrigger() {
        return EventTimeTrigger.create();
    }

    @Override
    public TypeSerializer<TimeWindow> getWindowSerializer(ExecutionConfig executionConfig) {
        return new TimeWindow.Serializer();
    }

    @Override
    public boolean isEventTime() {
        return true;
    }

    @Override
    public String toString() {
        return "CalendarWindows(" + unit + ", " + zone + ")";
    }
}
