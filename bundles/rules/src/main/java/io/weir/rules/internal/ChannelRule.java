package io.weir.rules.internal;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.weir.api.AlarmEvent;
import io.weir.api.AlarmLevel;
import io.weir.api.Reading;
import io.weir.api.SiteInfo;

/**
 * A rule the {@link RuleEngine} runs: it watches some channels and turns their readings into alarm events. The
 * engine serialises all calls. State comes in two parts the engine persists: the alarm (small, written before an
 * event is delivered) and the windows (larger, written periodically).
 */
interface ChannelRule {

    /** Kind and rule id, e.g. {@code rainfall:rain-1h}: the key its state is kept under across reloads. */
    String key();

    /** The rule id alone, as the site file names it: what a composite's operands refer to. */
    default String ruleId() {
        return key().substring(key().indexOf(':') + 1);
    }

    Set<String> channels();

    /** The warning level its alarm is at now, as a composite's operand; empty when none (or FAULT only). */
    default Optional<AlarmLevel> warningLevel() {
        return Optional.empty();
    }

    /** True while the rule itself finds its input faulty: a composite must not take its level at face value. */
    default boolean faulty() {
        return false;
    }

    /** A reading of one of its channels, already screened by the channel's fault rules. */
    List<AlarmEvent> onReading(Reading reading, SiteInfo site);

    /** Time passing without readings (checks such as "no data for 30 minutes"). */
    default List<AlarmEvent> onTick(Instant now, SiteInfo site) {
        return List.of();
    }

    List<AlarmEvent> acknowledge(String alarmId, Instant at, SiteInfo site);

    void writeAlarms(DataOutput out) throws IOException;

    /** @param version the state format it was written in ({@link RuleStateStore#VERSION} now) */
    void readAlarms(DataInput in, int version) throws IOException;

    default void writeWindows(DataOutput out) throws IOException {
    }

    /** @param version the state format it was written in ({@link RuleStateStore#VERSION} now) */
    default void readWindows(DataInput in, int version) throws IOException {
    }

    /**
     * Readings the rule derived since it was last asked (hourly and daily rain totals), which the engine publishes
     * as telemetry like any reading.
     */
    default List<Reading> takeDerived() {
        return List.of();
    }

    /**
     * The wall clock was stepped by {@code millis} (either way) while readings were trusted: the times the rule
     * holds move with it, so windows keep their recent values recent.
     */
    default void onClockStep(long millis) {
    }

    /** Approximate bytes of state this rule holds, for the memory benchmark. */
    long retainedBytes();
}
