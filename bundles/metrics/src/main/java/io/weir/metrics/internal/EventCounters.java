package io.weir.metrics.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import io.weir.api.AlarmEvent;
import io.weir.api.Reading;
import io.weir.metrics.Exposition;

/** Readings by quality and alarm events by level and transition, as they pass on the whiteboard. */
final class EventCounters {

    private final Map<String, LongAdder> readings = new ConcurrentHashMap<>();
    private final Map<List<String>, LongAdder> alarms = new ConcurrentHashMap<>();

    void readings(List<Reading> batch) {
        for (Reading r : batch) {
            readings.computeIfAbsent(r.quality().name(), q -> new LongAdder()).increment();
        }
    }

    void alarm(AlarmEvent event) {
        alarms.computeIfAbsent(List.of(event.level().name(), event.transition().name()), k -> new LongAdder())
                .increment();
    }

    void addTo(Exposition out) {
        var r = out.counter("weir_readings_total", "readings produced on the gateway, by quality");
        readings.forEach((quality, n) -> r.add(n.sum(), "quality", quality));
        var a = out.counter("weir_alarm_events_total", "alarm events raised on the gateway, by level and transition");
        alarms.forEach((k, n) -> a.add(n.sum(), "level", k.get(0), "transition", k.get(1)));
    }
}
