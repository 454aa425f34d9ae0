package io.weir.rules.internal;

import static io.weir.api.AlarmLevel.BLUE;
import static io.weir.api.AlarmLevel.FAULT;
import static io.weir.api.AlarmLevel.RED;
import static io.weir.api.AlarmLevel.YELLOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.weir.testing.Configs;

class OccurrencesAndSpecTest {

    private static final Instant T = Instant.parse("2026-07-14T08:00:00Z");

    @Test
    void occurrenceNumbersAreEpochMillisAndNeverRepeatWithinARun() {
        var numbers = new EpochMillisOccurrences();

        assertThat(List.of(numbers.next(T), numbers.next(T), numbers.next(T.minusSeconds(60)),
                numbers.next(T.plusSeconds(1)))).containsExactly(T.toEpochMilli(), T.toEpochMilli() + 1,
                T.toEpochMilli() + 2, T.toEpochMilli() + 1000);
    }

    private static Map<String, Object> config() {
        var config = new HashMap<String, Object>();
        config.put("ruleId", "river-level");
        config.put("channel", "62001200/radar-1/water_level");
        config.put("direction", "ABOVE");
        config.put("hysteresis", 0.05);
        config.put("unit", "m");
        return config;
    }

    @Test
    void absentLevelsAreUnused() {
        Map<String, Object> config = config();
        config.put("yellow", 3.5);
        config.put("red", 4.5);

        ThresholdRuleSpec spec = ThresholdRuleSpec.from(Configs.of(ThresholdRuleConfig.class, config));

        assertThat(spec.thresholds()).containsExactly(Map.entry(YELLOW, 3.5), Map.entry(RED, 4.5));
        assertThat(spec.lowest()).isEqualTo(YELLOW);
        assertThat(spec.direction()).isEqualTo(Direction.ABOVE);
        assertThat(spec.hysteresis()).isEqualTo(0.05);
    }

    @Test
    void directionIsReadWhateverItsCase() {
        Map<String, Object> config = config();
        config.put("direction", " below ");
        config.put("red", 102.0);

        assertThat(ThresholdRuleSpec.from(Configs.of(ThresholdRuleConfig.class, config)).direction())
                .isEqualTo(Direction.BELOW);
    }

    @Test
    void refusesARuleWithoutLevels() {
        assertThatThrownBy(() -> ThresholdRuleSpec.from(Configs.of(ThresholdRuleConfig.class, config())))
                .hasMessage("rule river-level: at least one of blue, yellow, orange, red is needed");
    }

    @Test
    void refusesLevelsOutOfOrderForTheDirection() {
        assertThatThrownBy(() -> new ThresholdRuleSpec("r", "s/d/p", Direction.ABOVE, Map.of(BLUE, 3.0, YELLOW, 3.0),
                0, "")).hasMessageContaining("YELLOW threshold 3.0 must be above the BLUE threshold 3.0");
        assertThatThrownBy(() -> new ThresholdRuleSpec("r", "s/d/p", Direction.BELOW, Map.of(BLUE, 3.0, RED, 4.0),
                0, "")).hasMessageContaining("must be below");
    }

    @Test
    void refusesOtherBadSettings() {
        Map<String, Object> config = config();
        config.put("red", 4.5);
        config.put("direction", "UP");
        assertThatThrownBy(() -> ThresholdRuleSpec.from(Configs.of(ThresholdRuleConfig.class, config)))
                .hasMessage("rule river-level: direction 'UP' is not ABOVE or BELOW");

        assertThatThrownBy(() -> new ThresholdRuleSpec("r", "s/d/p", Direction.ABOVE, Map.of(RED, 1.0), -0.1, ""))
                .hasMessageContaining("hysteresis");
        assertThatThrownBy(() -> new ThresholdRuleSpec("r", "s/d/p", Direction.ABOVE, Map.of(FAULT, 1.0), 0, ""))
                .hasMessageContaining("not a warning level");
        assertThatThrownBy(() -> new ThresholdRuleSpec("r", " ", Direction.ABOVE, Map.of(RED, 1.0), 0, ""))
                .hasMessage("rule r: channel is missing");
    }
}
