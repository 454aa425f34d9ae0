package io.weir.console.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.JsonGenerator;

import io.weir.api.AlarmEvent;
import io.weir.api.AlarmTransition;

/**
 * The alarms active now, from every alarm event the rules deliver: each with its level, the value and time of its
 * last change, when it was raised, and whether it has been acknowledged at its level. A cleared alarm leaves.
 */
final class ActiveAlarms {

    /** One active alarm: the event that raised it and the latest one. */
    private record Active(AlarmEvent raised, AlarmEvent latest, AlarmEvent acknowledged) {
    }

    private final Map<String, Active> active = new ConcurrentHashMap<>();

    void onAlarm(AlarmEvent event) {
        if (event.transition() == AlarmTransition.CLEARED) {
            active.remove(event.alarmId());
            return;
        }
        active.compute(event.alarmId(), (id, was) -> {
            // an escalation asks for another acknowledgement, as the rules re-arm it
            if (was == null || event.transition() == AlarmTransition.RAISED) {
                return new Active(event, event, null);
            }
            if (event.alarmSeq() < was.latest().alarmSeq()) {
                return was; // an older event delivered late
            }
            return switch (event.transition()) {
                case ACKNOWLEDGED -> new Active(was.raised(), was.latest(), event);
                case ESCALATED -> new Active(was.raised(), event, null);
                default -> new Active(was.raised(), event, was.acknowledged());
            };
        });
    }

    /** {@code "alarms":[{alarmId, ruleId, level, transition, value, threshold, channels, raisedAt, since, ...}]} */
    void write(JsonGenerator g) throws IOException {
        List<Active> alarms = new ArrayList<>(active.values());
        alarms.sort(Comparator.comparing((Active a) -> a.latest().level()).reversed()
                .thenComparing(a -> a.raised().timestamp()));
        g.writeArrayFieldStart("alarms");
        for (Active a : alarms) {
            AlarmEvent e = a.latest();
            g.writeStartObject();
            g.writeStringField("alarmId", e.alarmId());
            g.writeStringField("ruleId", e.ruleId());
            g.writeStringField("level", e.level().name());
            g.writeStringField("transition", e.transition().name());
            if (e.value() != null) {
                g.writeNumberField("value", e.value());
            }
            if (e.threshold() != null) {
                g.writeNumberField("threshold", e.threshold());
            }
            if (e.reason() != null) {
                g.writeStringField("reason", e.reason());
            }
            g.writeArrayFieldStart("channels");
            for (String channel : e.channels()) {
                g.writeString(channel);
            }
            g.writeEndArray();
            g.writeStringField("raisedAt", a.raised().timestamp().toString());
            g.writeStringField("since", e.timestamp().toString());
            g.writeBooleanField("acknowledged", a.acknowledged() != null);
            if (a.acknowledged() != null) {
                g.writeStringField("acknowledgedAt", a.acknowledged().timestamp().toString());
                if (a.acknowledged().acknowledgement() != null) {
                    g.writeStringField("acknowledgedBy", a.acknowledged().acknowledgement().toString());
                }
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }
}
