package io.weir.rules.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import io.weir.api.AlarmLevel;
import io.weir.api.AlarmListener;
import io.weir.api.Reading;
import io.weir.api.SiteInfo;
import io.weir.testing.TestClock;

/**
 * The benchmark's door into the rules bundle's package-private engine (same package on the benchmark's flat class
 * path). A fleet: every level channel has a fault screen, a threshold rule, a water-level rule and a 1-hour rate of
 * rise (4 rules); every rain gauge a rainfall rule on the cma-observed-rain preset (1 rule).
 */
public final class RulesBenchFleet {

    public static final SiteInfo SITE = new SiteInfo("gw-bench", "62001200", "Bench", 30.27, 120.15);
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final RuleEngine engine;
    private final TestClock clock; // moved by the harness with the readings' time

    /** @param stateDir where alarms.state and windows.state go (fsync'd as in the gateway); empty for memory */
    public RulesBenchFleet(TestClock clock, Optional<Path> stateDir) {
        this.clock = clock;
        Supplier<SiteInfo> site = () -> SITE;
        this.engine = new RuleEngine(clock, site, stateDir.map(d -> new RuleStateStore(d.resolve("alarms.state"))),
                stateDir.map(d -> new RuleStateStore(d.resolve("windows.state"))), Duration.ofMinutes(5));
    }

    public static String levelChannel(int i) {
        return "62001200/radar-" + i + "/water_level";
    }

    public static String rainChannel(int i) {
        return "62001200/rain-" + i + "/rain_counter";
    }

    public void addLevelChannel(String channel) {
        OccurrenceNumbers occurrences = engine.occurrences();
        String id = channel.replace('/', '_');
        engine.register(new FaultRule(faultSpec(id + "-health", channel), occurrences));
        engine.register(new ThresholdRule(thresholdSpec(id + "-level", channel), occurrences));
        engine.register(new ThresholdRule("waterlevel", thresholdSpec(id + "-stage", channel), occurrences));
        engine.register(new RateOfRiseRule(riseSpec(id + "-rise", channel, Duration.ofHours(1)), occurrences));
    }

    /** A lone threshold rule: the channel whose alarms the latency probe times. */
    public void addProbe(String channel) {
        engine.register(new ThresholdRule(thresholdSpec("probe", channel), engine.occurrences()));
    }

    public void addRainGauge(String channel) {
        engine.register(new RainfallRule(rainSpec(channel.replace('/', '_') + "-storm", channel),
                engine.occurrences()));
    }

    public int rules() {
        return engine.size();
    }

    public void addAlarmListener(AlarmListener listener) {
        engine.addAlarmListener(listener);
    }

    public void onReadings(List<Reading> readings) {
        engine.onReadings(readings);
    }

    public TestClock clock() {
        return clock;
    }

    public void close() {
        engine.close();
    }

    static ThresholdRuleSpec thresholdSpec(String ruleId, String channel) {
        var levels = new EnumMap<AlarmLevel, Double>(AlarmLevel.class);
        levels.putAll(Map.of(AlarmLevel.BLUE, 3.0, AlarmLevel.YELLOW, 3.5, AlarmLevel.ORANGE, 4.0,
                AlarmLevel.RED, 4.5));
        return new ThresholdRuleSpec(ruleId, channel, Direction.ABOVE, levels, 0.05, "m");
    }

    static FaultRule.Spec faultSpec(String ruleId, String channel) {
        return new FaultRule.Spec(ruleId, channel, Duration.ofMinutes(30), 0, 12, 20, 0.02, Duration.ofHours(6),
                0.001, Debounce.NONE);
    }

    static RateOfRiseRule.Spec riseSpec(String ruleId, String channel, Duration window) {
        return new RateOfRiseRule.Spec(ruleId, channel, window, Map.of(AlarmLevel.YELLOW, 0.5, AlarmLevel.RED, 1.0),
                0.02, "m", Debounce.NONE);
    }

    static RainfallRule.Spec rainSpec(String ruleId, String channel) {
        return RainfallRule.Spec.of(ruleId, channel, RainfallRule.Gauge.counter(), RainfallCriteria.CMA_OBSERVED_RAIN, 1,
                Debounce.NONE, CHINA);
    }

    /** What one object of a kind is, for the memory measure: built and fed one reading, as a running rule is. */
    public enum Kind {
        THRESHOLD_RULE, RATE_OF_RISE_1H_RULE, RATE_OF_RISE_24H_RULE, FAULT_RULE, RAINFALL_RULE,
        RAIN_LEDGER
    }

    /** Builds {@code n} objects of a kind, each after its first reading; the list keeps them reachable. */
    public static List<Object> build(Kind kind, int n, Instant at) {
        var made = new ArrayList<Object>(n);
        OccurrenceNumbers occurrences = new EpochMillisOccurrences();
        for (int i = 0; i < n; i++) {
            String channel = levelChannel(i);
            String id = "r" + i;
            Object o = switch (kind) {
                case THRESHOLD_RULE -> feed(new ThresholdRule(thresholdSpec(id, channel), occurrences), channel, at);
                case RATE_OF_RISE_1H_RULE -> feed(new RateOfRiseRule(riseSpec(id, channel, Duration.ofHours(1)),
                        occurrences), channel, at);
                case RATE_OF_RISE_24H_RULE -> feed(new RateOfRiseRule(riseSpec(id, channel, Duration.ofHours(24)),
                        occurrences), channel, at);
                case FAULT_RULE -> feed(new FaultRule(faultSpec(id, channel), occurrences), channel, at);
                case RAINFALL_RULE -> feed(new RainfallRule(rainSpec(id, channel), occurrences), channel, at);
                case RAIN_LEDGER -> {
                    var ledger = new RainLedger(new HydroCalendar(CHINA), Duration.ofHours(6), false);
                    ledger.book(at.toEpochMilli() - 60_000, at.toEpochMilli(), 100, false);
                    yield ledger;
                }
            };
            made.add(o);
        }
        return made;
    }

    /** The rules bundle's own estimate of what an object holds ({@code retainedBytes()}). */
    public static long estimate(Object o) {
        return o instanceof ChannelRule rule ? rule.retainedBytes() : ((RainLedger) o).retainedBytes();
    }

    private static ChannelRule feed(ChannelRule rule, String channel, Instant at) {
        Reading r = Reading.good(channel, at, 1.0, "m");
        if (rule instanceof ChannelScreen screen) {
            screen.screen(r, SITE);
        } else {
            rule.onReading(r, SITE);
        }
        return rule;
    }
}
