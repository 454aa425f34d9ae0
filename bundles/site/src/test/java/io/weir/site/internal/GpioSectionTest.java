package io.weir.site.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The site file's gpio section: a pulse rain gauge, a door contact and a siren, and what goes wrong with them. */
class GpioSectionTest {

    private static final String HEAD = """
            gateway: {id: gw-yx-001}
            site: {stationCode: "62001200", name: Yuxi, latitude: 30.2, longitude: 120.1}
            uplink: {broker: "tcp://127.0.0.1:1883"}
            devices:
              - {id: radar-1, profile: hlk-ld8001h, address: 127.0.0.1, unitId: 1, pollInterval: 5s}
            """;

    @TempDir
    Path dir;

    private Parsed<SiteModel> parse(String rest) throws IOException {
        TestFiles.copySample("good", dir);
        Path file = dir.resolve("site.yaml");
        Files.writeString(file, HEAD + rest);
        return new SiteFileParser(new ProfileDirectory(dir.resolve("profiles"), new ProfileParser())).parse(file);
    }

    @Test
    void inputsAndOutputsBecomeTheGpioBundlesConfigurationsAndRulesCanNameTheInputs() throws IOException {
        Parsed<SiteModel> parsed = parse("""
                gpio:
                  provider: gpiod
                  inputs:
                    - {id: rain-pulse, kind: tips, pin: 17, debounce: 80ms, mmPerTip: 0.2}
                    - {id: door, kind: state, pin: 22, activeLow: false, report: 5m}
                  outputs:
                    - {name: siren, pin: 27, trigger: orange}
                rules:
                  - id: rainstorm
                    type: rainfall
                    channel: rain-pulse/rain
                    source: increment
                    preset: rainstorm-signal
                  - id: cabinet-open
                    type: threshold
                    channel: door/state
                    direction: above
                    levels: {yellow: 0.5}
                    hysteresis: 0
                """);

        assertThat(parsed.problems()).isEmpty();
        List<TargetConfiguration> targets = new ConfigurationMapper(new ObjectMapper())
                .map(parsed.value().orElseThrow());
        assertThat(targets).extracting(TargetConfiguration::toString).contains("io.weir.gpio",
                "io.weir.gpio.input~rain-pulse", "io.weir.gpio.input~door", "io.weir.gpio.output~siren",
                "io.weir.rules.rainfall~rainstorm");
        assertThat(find(targets, "io.weir.gpio").properties()).contains(entry("provider", "GPIOD"),
                entry("weir.site.managed", true));
        assertThat(find(targets, "io.weir.gpio.input~rain-pulse").properties()).containsOnly(
                entry("channel", "62001200/rain-pulse/rain"), entry("kind", "TIPS"), entry("pin", 17),
                entry("pull", "UP"), entry("activeLow", true), entry("debounceMillis", 80L),
                entry("reportSeconds", 60L), entry("mmPerTip", 0.2), entry("weir.site.managed", true));
        assertThat(find(targets, "io.weir.gpio.input~door").properties()).contains(
                entry("channel", "62001200/door/state"), entry("kind", "STATE"), entry("activeLow", false),
                entry("reportSeconds", 300L)).doesNotContainKey("mmPerTip");
        assertThat(find(targets, "io.weir.gpio.output~siren").properties()).contains(entry("name", "siren"),
                entry("pin", 27), entry("triggerLevel", "ORANGE"), entry("releaseOnClear", false));
        assertThat(find(targets, "io.weir.rules.rainfall~rainstorm").properties())
                .contains(entry("channel", "62001200/rain-pulse/rain"));
    }

    @Test
    void mistakesAreNamedByLineAndField() throws IOException {
        Parsed<SiteModel> parsed = parse("""
                gpio:
                  provider: wiringpi
                  inputs:
                    - {id: radar-1, kind: tips, pin: 17}
                    - {id: door, kind: switch, pin: 17, activeLow: yes}
                    - {id: mains, kind: state, pin: 40, mmPerTip: 0.2}
                  outputs:
                    - {name: siren, pin: 27, trigger: purple}
                rules:
                  - {id: r, type: threshold, channel: door/open, direction: above, levels: {red: 1}, hysteresis: 0}
                """);

        assertThat(parsed.problems()).extracting(Problem::toString).containsExactly(
                "site.yaml:7: gpio.provider: 'wiringpi' is not one of mock, gpiod",
                "site.yaml:9: gpio.inputs[0].id: 'radar-1' is already the id of a device",
                "site.yaml:10: gpio.inputs[1].kind: 'switch' is not one of tips, state",
                "site.yaml:10: gpio.inputs[1].pin: pin 17 is already used by gpio.inputs[0] (line 9)",
                "site.yaml:10: gpio.inputs[1].activeLow: 'yes' is not true or false",
                "site.yaml:11: gpio.inputs[2].pin: 40 is outside 0..27",
                "site.yaml:11: gpio.inputs[2].mmPerTip: applies to tips inputs only",
                "site.yaml:13: gpio.outputs[0].trigger: 'purple' is not one of blue, yellow, orange, red, fault");
    }

    private static TargetConfiguration find(List<TargetConfiguration> targets, String name) {
        return targets.stream().filter(t -> t.toString().equals(name)).findFirst().orElseThrow();
    }
}
