package io.weir.rules.internal;

import static io.weir.api.AlarmLevel.BLUE;
import static io.weir.api.AlarmLevel.RED;
import static io.weir.api.AlarmLevel.YELLOW;
import static io.weir.api.AlarmTransition.ESCALATED;
import static io.weir.api.AlarmTransition.RAISED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.weir.api.AlarmEvent;
import io.weir.api.Reading;

/**
 * A gateway upgraded from the first release finds {@code alarms.state} and {@code windows.state} in format 1. It
 * reads them: an open alarm goes on under its id (no second case), and the rain of the last hours stays in the
 * windows. The files below are written byte by byte as the first release wrote them.
 */
class StateUpgradeTest {

    static final String RIVER = "62001200/radar-1/water_level";
    static final String GAUGE = "62001200/rain-1/rain_counter";
    static final Instant T0 = Instant.parse("2026-07-14T02:00:00Z"); // 10:00 local
    static final String OPEN_ALARM = "gw-yx-001:river:1784000000000";

    @TempDir
    Path dir;

    interface Body {
        void write(DataOutputStream out) throws IOException;
    }

    static byte[] bytes(Body body) throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var out = new DataOutputStream(bytes)) {
            body.write(out);
        }
        return bytes.toByteArray();
    }

    /** The first release's file: magic, version 1, count, then key, length, bytes. */
    static void formatOne(Path file, Map<String, byte[]> entries) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, bytes(out -> {
            out.writeInt(0x57524c53);
            out.writeInt(1);
            out.writeInt(entries.size());
            for (var e : entries.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeInt(e.getValue().length);
                out.write(e.getValue());
            }
        }));
    }

    static void trackerOne(DataOutputStream out, String level, String id, long seq) throws IOException {
        out.writeBoolean(level != null);
        if (level != null) {
            out.writeUTF(level);
            out.writeUTF(id);
            out.writeLong(seq);
            out.writeBoolean(false);
        }
        out.writeLong(Long.MIN_VALUE); // upSince
        out.writeLong(Long.MIN_VALUE); // downSince
    }

    @Test
    void anOpenAlarmAndTheWindowsOfTheFirstReleaseGoOn() throws IOException {
        Instant saved = T0.minus(Duration.ofMinutes(10));
        var alarms = new LinkedHashMap<String, byte[]>();
        alarms.put("threshold:river", bytes(out -> trackerOne(out, "BLUE", OPEN_ALARM, 1)));
        alarms.put("rainfall:rain", bytes(out -> {
            trackerOne(out, null, null, 0);
            trackerOne(out, null, null, 0);
        }));
        var windows = new LinkedHashMap<String, byte[]>();
        windows.put("rainfall:rain", bytes(out -> {
            out.writeLong(1000);                   // the gauge: last count 100.0 mm ...
            out.writeLong(saved.toEpochMilli());   // ... read 10 minutes ago
            long head = saved.toEpochMilli() / 60_000;
            out.writeLong(60_000);                 // one ring of 1,440 one-minute buckets
            out.writeInt(1440);
            out.writeLong(head);
            for (int slot = 0; slot < 1440; slot++) {
                long age = Math.floorMod(head - slot, 1440L);
                out.writeLong(age < 30 ? 500 : 0); // 0.5 mm in each of the last 30 minutes: 15 mm
            }
            out.writeLong(java.time.LocalDate.of(2026, 7, 14).toEpochDay()); // the day begun 08:00 today
            out.writeLong(15_000);
        }));
        formatOne(dir.resolve("rules/alarms.state"), alarms);
        formatOne(dir.resolve("rules/windows.state"), windows);

        var clock = new Replay.MutableClock(T0);
        var replay = new Replay(clock, new RuleEngine(clock, clock::nanos, Replay.SITE_SERVICE::info,
                Optional.of(new RuleStateStore(dir.resolve("rules/alarms.state"))),
                Optional.of(new RuleStateStore(dir.resolve("rules/windows.state"))), Duration.ofMinutes(5)));
        replay.engine.register(new ThresholdRule(new ThresholdRuleSpec("river", RIVER, Direction.ABOVE,
                Map.of(BLUE, 3.0, RED, 4.5), 0.0, "m"), replay.engine.occurrences()));
        var rain = new RainfallRule(RainfallRule.Spec.of("rain", GAUGE, RainfallRule.Gauge.counter(),
                RainfallCriteria.of("yellow:1h:20"), 0, Debounce.NONE, Replay.CHINA), replay.engine.occurrences());
        replay.engine.register(rain);

        assertThat(rain.rainMm(RainWindow.H1)).isEqualTo(15.0);
        assertThat(rain.rainMm(RainWindow.DAY)).isEqualTo(15.0);
        replay.feed(Reading.good(RIVER, T0, 3.2, "m"));        // still blue: nothing
        replay.feed(Reading.good(GAUGE, T0, 106.0, "mm"));     // 6 mm since the saved count: 21 mm in the hour
        replay.feed(Reading.good(RIVER, T0.plusSeconds(300), 4.6, "m"));
        replay.engine.close();

        assertThat(replay.events).extracting(AlarmEvent::ruleId, AlarmEvent::transition, AlarmEvent::level,
                AlarmEvent::alarmSeq, AlarmEvent::alarmId).containsExactly(
                tuple("rain", RAISED, YELLOW, 1L, "gw-yx-001:rain:" + T0.toEpochMilli()),
                tuple("river", ESCALATED, RED, 2L, OPEN_ALARM));
        assertThat(replay.events.get(0).value()).isEqualTo(21.0);
        assertThat(new RuleStateStore(dir.resolve("rules/windows.state")).read().get("rainfall:rain").version())
                .isEqualTo(RuleStateStore.VERSION);
    }
}
