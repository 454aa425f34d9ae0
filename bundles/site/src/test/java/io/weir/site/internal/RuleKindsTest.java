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
                    resetsDaily: true
                    preset: cma-observed-rain
                    criteria: {blue: {1h: 30, day: 80}, evacuate: {event: 150}, prepare: {48h: 200}}
                    hysteresis: 10%
                    clearAfter: 30m
                    minHold: 3h
                    eventDry: 12h
                    staleAfter: 90m
                    zone: Asia/Shanghai
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
                    minHold: 1h
                  - id: radar-health
                    type: fault
                    channel: radar-1/water_level
                    noData: 30m
                    min: 0
                    max: 12
                    maxRate: 20
                    noise: 0.02
                    stuckAfter: 6h
                  - id: river-drawdown
                    type: rate-of-fall
                    channel: radar-1/water_level
                    window: 24h
                    levels: {yellow: 0.5, red: 1.0}
                """);

        assertThat(parsed.problems()).isEmpty();
        List<TargetConfiguration> targets = new ConfigurationMapper(new ObjectMapper()).map(parsed.value().orElseThrow());
        assertThat(targets.subList(4, 9)).extracting(TargetConfiguration::toString).containsExactly(
                "io.weir.rules.rainfall~rainstorm", "io.weir.rules.waterlevel~river-stage",
                "io.weir.rules.rise~river-rise", "io.weir.rules.fault~radar-health",
                "io.weir.rules.rise~river-drawdown");
        assertThat(targets.get(4).properties()).contains(entry("ruleId", "rainstorm"),
                entry("channel", "62001200/rain-1/rain_counter"), entry("preset", "cma-observed-rain"),
                entry("resetsDaily", true), entry("hysteresisPercent", 10.0), entry("clearAfterSeconds", 1800L),
                entry("minHoldSeconds", 10800L), entry("eventDrySeconds", 43200L), entry("staleAfterSeconds", 5400L),
                entry("zone", "Asia/Shanghai"), entry("weir.site.managed", true));
        assertThat((String[]) targets.get(4).properties().get("criteria")).containsExactly("blue:1h:30",
                "blue:day:80", "red:event:150", "orange:48h:200");
        assertThat(targets.get(5).properties()).contains(entry("warningLevel", 4.0), entry("guaranteedLevel", 5.2),
                entry("blue", "85% warning"), entry("red", "guaranteed"), entry("unit", "m"));
        assertThat(targets.get(6).properties()).contains(entry("windowSeconds", 3600L), entry("yellow", 0.1),
                entry("red", 0.5), entry("minHoldSeconds", 3600L)).doesNotContainKey("sense");
        assertThat(targets.get(7).properties()).contains(entry("noDataAfterSeconds", 1800L), entry("min", 0.0),
                entry("max", 12.0), entry("maxRatePerHour", 20.0), entry("noise", 0.02),
                entry("stuckAfterSeconds", 21600L));
        assertThat(targets.get(8).properties()).contains(entry("sense", "FALL"), entry("windowSeconds", 86400L));
    }

    @Test
    void aReservoirGivesItsFloodLimitLevelBySeasonAndItsLowLevels() throws IOException {
        Parsed<SiteModel> parsed = parse("""
                  - id: dam-level
                    type: water-level
                    channel: radar-1/water_level
                    stationLevels:
                      datum: 80.0
                      normalPool: 104.0
                      designFlood: 107.2
                      checkFlood: 108.5
                      floodLimit:
                        - {from: 04-15, to: 05-31, level: 103.0}
                        - {from: 06-01, to: 08-31, level: 101.5}
                        - {from: 09-01, to: 10-15, level: 103.0}
                    levels: {yellow: floodLimit - 0.5, orange: floodLimit, red: designFlood}
                    zone: Asia/Shanghai
                  - id: dam-low
                    type: water-level
                    channel: radar-1/water_level
                    stationLevels: {dead: 86.0, pumpIntake: 85.2}
                    direction: below
                    levels: {yellow: dead + 1.0, orange: dead, red: pumpIntake}
                    staleAfter: 2h
                """);

        assertThat(parsed.problems()).isEmpty();
        List<TargetConfiguration> targets = new ConfigurationMapper(new ObjectMapper()).map(parsed.value().orElseThrow());
        assertThat(targets.get(4).properties()).contains(entry("normalPoolLevel", 104.0),
                entry("designFloodLevel", 107.2), entry("checkFloodLevel", 108.5), entry("datum", 80.0),
                entry("yellow", "floodLimit - 0.5"), entry("zone", "Asia/Shanghai")).doesNotContainKey(
                "floodLimitLevel");
        assertThat((String[]) targets.get(4).properties().get("floodLimitSchedule")).containsExactly(
                "04-15/05-31:103", "06-01/08-31:101.5", "09-01/10-15:103");
        assertThat(targets.get(5).properties()).contains(entry("direction", "BELOW"), entry("deadLevel", 86.0),
                entry("pumpIntakeLevel", 85.2), entry("red", "pumpIntake"), entry("staleAfterSeconds", 7200L));
    }

    @Test
    void problemsNameFileLineAndField() throws IOException {
        Parsed<SiteModel> parsed = parse("""
                  - id: rain
                    type: rainfall
                    channel: rain-1/rain_counter
                    preset: typhoon
                    criteria: {purple: {1h: 30}, red: {5h: 50, 3h: -1}}
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
                "site.yaml:11: rules[0].preset: 'typhoon' is not one of cma-observed-rain, mountain-flood-example,"
                        + " rainstorm-signal",
                "site.yaml:12: rules[0].criteria.purple: unknown field; expected one of blue, yellow, orange, red,"
                        + " evacuate, prepare",
                "site.yaml:12: rules[0].criteria.red.5h: unknown field; expected one of 10m, 30m, 1h, 2h, 3h, 6h, 12h,"
                        + " 24h, 48h, 72h, day, event",
                "site.yaml:12: rules[0].criteria.red.3h: -1 must be above 0",
                "site.yaml:17: rules[1].levels.blue: '85% floodLimit' names the floodLimit level, which stationLevels"
                        + " does not give",
                "site.yaml:17: rules[1].levels.red: 'lots' is not a number, a station level, a percentage of one (e.g."
                        + " 85% warning) or an offset from one (e.g. dead + 0.5)",
                "site.yaml:20: rules[2].channel: profile 'hlk-ld8001h' of device 'radar-1' has no point 'level'"
                        + " (points: air_gap, water_level)",
                "site.yaml:21: rules[2].window: 5m is outside 10m..48h",
                "site.yaml:22: rules[2].levels.red: 0.1 must be above the level before it (0.5)",
                "site.yaml:27: rules[3].max: 2 must be above min (10)",
                "site.yaml:28: rules[3].noData: 'soon' is not a duration: write e.g. 500ms, 5s, 1m, 1h or PT5S");
    }

    @Test
    void retiredAndNewFieldsAreCheckedToo() throws IOException {
        Parsed<SiteModel> parsed = parse("""
                  - id: health
                    type: fault
                    channel: radar-1/water_level
                    maxStep: 0.5
                    spikeConfirm: 3
                  - id: rain
                    type: rainfall
                    channel: rain-1/rain_counter
                    source: increment
                    resetsDaily: true
                    interval: 5m
                    preset: cma-observed-rain
                    hysteresis: 120%
                    zone: Mars/Olympus
                  - id: dam
                    type: water-level
                    channel: radar-1/water_level
                    stationLevels:
                      floodLimit:
                        - {from: 06-01, to: 08-31, level: 101.5}
                        - {from: 08-15, to: 09-30, level: 102.0}
                        - {from: 13-01, to: 09-30, level: 102.0}
                    levels: {yellow: floodLimit, orange: floodLimit - 0.5}
                """);

        assertThat(parsed.problems()).extracting(Problem::toString).containsExactly(
                "site.yaml:11: rules[0].maxStep: no longer used: a step per reading held back real floods; give"
                        + " maxRate, the fastest this channel can physically change in an hour (e.g. 20 for a river"
                        + " level in m)",
                "site.yaml:12: rules[0].spikeConfirm: no longer used: a step per reading held back real floods; give"
                        + " maxRate, the fastest this channel can physically change in an hour (e.g. 20 for a river"
                        + " level in m)",
                "site.yaml:17: rules[1].resetsDaily: only for source: counter",
                "site.yaml:18: rules[1].interval: only for source: interval",
                "site.yaml:20: rules[1].hysteresis: '120%' is not a percentage from 0% to 99%",
                "site.yaml:21: rules[1].zone: 'Mars/Olympus' is not a time zone (e.g. Asia/Shanghai)",
                "site.yaml:28: rules[2].stationLevels.floodLimit[1]: overlaps the season from --06-01",
                "site.yaml:29: rules[2].stationLevels.floodLimit[2].from: '13-01' is not a day of the year as MM-dd,"
                        + " e.g. 06-01",
                "site.yaml:30: rules[2].levels: orange (101) must be above yellow (101.5) with a flood-limit level of"
                        + " 101.5");
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
