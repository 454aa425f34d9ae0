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

class RuleKindsTest {

    private static final String HEAD = """
            gateway: {id: gw-yx-001}
            site: {stationCode: "62001200", name: Yuxi, latitude: 30.2, longitude: 120.1}
            uplink: {broker: "tcp://127.0.0.1:1883"}
            devices:
              - {id: radar-1, profile: hlk-ld8001h, address: 127.0.0.1, unitId: 1, pollInterval: 5s}
              - {id: rain-1, profile: rs485-tipping-bucket, address: 127.0.0.1, unitId: 2, pollInterval: 1m}
            rules:
            """;

    @TempDir
    Path dir;

    private Parsed<SiteModel> parse(String rules) throws IOException {
        TestFiles.copySample("good", dir);
        Path file = dir.resolve("site.yaml");
        Files.writeString(file, HEAD + rules);
        return new SiteFileParser(new ProfileDirectory(dir.resolve("profiles"), new ProfileParser())).parse(file);
    }

    @Test
    void eachRuleKindBecomesAFactoryConfigurationOfTheRulesBundle() throws IOException {
        Parsed<SiteModel> parsed = parse("""
                  - id: rainstorm
                    type: rainfall
                    channel: rain-1/rain_counter
                    preset: rainstorm-signal
                    criteria: {blue: {1h: 30, day: 80}}
                    hysteresis: 1
                    clearAfter: 30m
                  - id: river-stage
                    type: water-level
                    channel: radar-1/water_level
                    stationLevels: {warning: 4.0, guaranteed: 5.2}
                    levels: {blue: 85% warning, yellow: 95% warning, orange: warning, red: guaranteed}
                    hysteresis: 0.05
                  - id: river-rise
                    type: rate-of-rise
                    channel: radar-1/water_level
                    window: 1h
                    levels: {yellow: 0.1, red: 0.5}
                  - id: radar-health
                    type: fault
                    channel: radar-1/water_level
                    noData: 30m
                    min: 0
                    max: 12
                    maxStep: 0.5
                    stuckAfter: 6h
                """);

        assertThat(parsed.problems()).isEmpty();
        List<TargetConfiguration> targets = new ConfigurationMapper(new ObjectMapper()).map(parsed.value().orElseThrow());
        assertThat(targets.subList(4, 8)).extracting(TargetConfiguration::toString).containsExactly(
                "io.weir.rules.rainfall~rainstorm", "io.weir.rules.waterlevel~river-stage",
                "io.weir.rules.rise~river-rise", "io.weir.rules.fault~radar-health");
        assertThat(targets.get(4).properties()).contains(entry("ruleId", "rainstorm"),
                entry("channel", "62001200/rain-1/rain_counter"), entry("preset", "rainstorm-signal"),
                entry("hysteresisMm", 1.0), entry("clearAfterSeconds", 1800L), entry("weir.site.managed", true));
        assertThat((String[]) targets.get(4).properties().get("criteria")).containsExactly("blue:1h:30",
                "blue:day:80");
        assertThat(targets.get(5).properties()).contains(entry("warningLevel", 4.0), entry("guaranteedLevel", 5.2),
                entry("blue", "85% warning"), entry("red", "guaranteed"), entry("unit", "m"));
        assertThat(targets.get(6).properties()).contains(entry("windowSeconds", 3600L), entry("yellow", 0.1),
                entry("red", 0.5));
        assertThat(targets.get(7).properties()).contains(entry("noDataAfterSeconds", 1800L), entry("min", 0.0),
                entry("max", 12.0), entry("maxStep", 0.5), entry("stuckAfterSeconds", 21600L));
    }

    @Test
    void problemsNameFileLineAndField() throws IOException {
        Parsed<SiteModel> parsed = parse("""
                  - id: rain
                    type: rainfall
                    channel: rain-1/rain_counter
                    preset: typhoon
                    criteria: {purple: {1h: 30}, red: {2h: 50, 3h: -1}}
                  - id: stage
                    type: water-level
                    channel: radar-1/water_level
                    stationLevels: {warning: 4.0}
                    levels: {blue: 85% floodLimit, red: lots}
                  - id: rise
                    type: rate-of-rise
                    channel: radar-1/level
                    window: 5m
                    levels: {yellow: 0.5, red: 0.1}
                  - id: health
                    type: fault
                    channel: radar-1/water_level
                    min: 10
                    max: 2
                    noData: soon
                """);

        assertThat(parsed.problems()).extracting(Problem::toString).containsExactly(
                "site.yaml:11: rules[0].preset: 'typhoon' is not a preset (rainstorm-signal, mountain-flood-example)",
                "site.yaml:12: rules[0].criteria.purple: unknown field; expected one of blue, yellow, orange, red",
                "site.yaml:12: rules[0].criteria.red.2h: unknown field; expected one of 10m, 1h, 3h, 6h, 12h, 24h, day",
                "site.yaml:12: rules[0].criteria.red.3h: -1 must be above 0",
                "site.yaml:17: rules[1].levels.blue: '85% floodLimit' names the floodLimit level, which stationLevels"
                        + " does not give",
                "site.yaml:17: rules[1].levels.red: 'lots' is not a number, a station level or a percentage of one"
                        + " (e.g. 85% warning)",
                "site.yaml:20: rules[2].channel: profile 'hlk-ld8001h' of device 'radar-1' has no point 'level'"
                        + " (points: air_gap, water_level)",
                "site.yaml:21: rules[2].window: 5m is outside 10m..48h",
                "site.yaml:22: rules[2].levels.red: 0.1 must be above the level before it (0.5)",
                "site.yaml:27: rules[3].max: 2 must be above min (10)",
                "site.yaml:28: rules[3].noData: 'soon' is not a duration: write e.g. 500ms, 5s, 1m, 1h or PT5S");
    }

    @Test
    void aCompositeCombinesOtherRulesOfTheFileByIdWhateverTheirOrder() throws IOException {
        Parsed<SiteModel> parsed = parse("""
                  - id: rain-and-rise
                    type: composite
                    operator: and
                    rules: [rain-1h, river-rise]
                  - id: rain-1h
                    type: rainfall
                    channel: rain-1/rain_counter
                    criteria: {blue: {1h: 30}}
                  - id: river-rise
                    type: rate-of-rise
                    channel: radar-1/water_level
                    window: 1h
                    levels: {blue: 0.1}
                """);

        assertThat(parsed.problems()).isEmpty();
        List<TargetConfiguration> targets = new ConfigurationMapper(new ObjectMapper()).map(parsed.value().orElseThrow());
        TargetConfiguration composite = targets.get(targets.size() - 1);
        assertThat(composite).hasToString("io.weir.rules.composite~rain-and-rise");
        assertThat(composite.properties()).contains(entry("ruleId", "rain-and-rise"), entry("operator", "AND"),
                entry("weir.site.managed", true));
        assertThat((String[]) composite.properties().get("operands")).containsExactly("rain-1h", "river-rise");
    }

    @Test
    void aCompositesProblemsNameFileLineAndField() throws IOException {
        Parsed<SiteModel> parsed = parse("""
                  - id: rise
                    type: rate-of-rise
                    channel: radar-1/water_level
                    window: 1h
                    levels: {blue: 0.1}
                  - id: one
                    type: composite
                    operator: and
                    rules: [rise]
                  - id: self
                    type: composite
                    operator: xor
                    rules: [rise, self]
                  - id: either
                    type: composite
                    operator: or
                    rules: [rise, rain-1h, one]
                """);

        assertThat(parsed.problems()).extracting(Problem::toString).containsExactly(
                "site.yaml:16: rules[1].rules: needs at least 2 rules to combine, has 1",
                "site.yaml:19: rules[2].operator: 'xor' is not and or or",
                "site.yaml:20: rules[2].rules[1]: a composite cannot combine itself",
                "site.yaml:24: rules[3].rules[1]: no rule 'rain-1h' in this file (rules: either, one, rise, self)",
                "site.yaml:24: rules[3].rules[2]: 'one' is a composite; a composite combines rules of the other"
                        + " kinds");
    }
}
