package io.weir.site.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The site file's coap section with the CoAP profiles the project ships, mapped to ConfigAdmin. */
class CoapSectionTest {

    private static final Path SHIPPED = Path.of("../../device-profiles/profiles");
    private static final Path SITE = Path.of("src/test/resources/coap/site.yaml");

    @TempDir
    Path dir;

    private SiteFileParser parser;

    @BeforeEach
    void parser() {
        assumeTrue(Files.isDirectory(SHIPPED.resolve("coap")), "device-profiles not beside this module");
        parser = new SiteFileParser(new ProfileDirectory(SHIPPED, new ProfileParser()));
    }

    private List<TargetConfiguration> map(Path file) {
        Parsed<SiteModel> parsed = parser.parse(file);
        assertThat(parsed.problems()).isEmpty();
        return new ConfigurationMapper(new ObjectMapper()).map(parsed.value().orElseThrow());
    }

    private static TargetConfiguration find(List<TargetConfiguration> targets, String name) {
        return targets.stream().filter(t -> t.toString().equals(name)).findFirst().orElseThrow(
                () -> new AssertionError(name + " not in " + targets));
    }

    @Test
    void serverDevicesAndTheirRulesAreMapped() throws Exception {
        List<TargetConfiguration> targets = map(SITE);

        assertThat(find(targets, "io.weir.coap.server").properties()).containsEntry("port", 5684)
                .containsEntry("staleCheckSeconds", 60).containsEntry("maxConnections", 5000)
                .containsEntry("threads", 2)
                .containsEntry("staleAfterIntervals", 3).containsEntry("requestsPerMinute", 30)
                .containsEntry(ConfigurationMapper.MANAGED, true);

        Map<String, Object> cover = find(targets, "io.weir.coap.device~cover-17").properties();
        assertThat(cover).containsEntry("deviceId", "cover-17").containsEntry("stationCode", "62001300")
                .containsEntry("identity", "861234050000017").containsEntry("reportIntervalSeconds", 21600L)
                .containsEntry("keyFile", SITE.toAbsolutePath().resolveSibling("keys/cover-17.psk").toString())
                .containsEntry("keyHex", false).doesNotContainKey(".key");
        assertThat(cover.values()).noneMatch(value -> value.toString().contains("never-logged"));
        assertThat(new ObjectMapper().readTree((String) cover.get("profile")).path("tiltAngle").asText())
                .isEqualTo("tilt_angle");
        assertThat(find(targets, "io.weir.coap.device~cover-18").properties())
                .containsEntry("keyFile", SITE.toAbsolutePath().resolveSibling("keys/cover-18.hex").toString())
                .containsEntry("keyHex", true);

        // silence of 3 report intervals is a FAULT: the fault rule's no-data check on the heartbeat
        assertThat(find(targets, "io.weir.rules.fault~coap-silent-cover-17").properties())
                .containsEntry("channel", "62001300/cover-17/heartbeat")
                .containsEntry("noDataAfterSeconds", 3 * 21600L);
        assertThat(find(targets, "io.weir.rules.fault~coap-silent-gas-3").properties())
                .containsEntry("noDataAfterSeconds", 3 * 3600L); // the profile's interval

        // a cover alarms beyond 10 degrees from its baseline by default, beyond 90 always at the higher level
        assertThat(find(targets, "io.weir.rules.threshold~coap-tilt-cover-17").properties())
                .containsEntry("channel", "62001300/cover-17/tilt_deviation").containsEntry("direction", "ABOVE")
                .containsEntry("yellow", 10.0).containsEntry("red", 90.0).containsEntry("unit", "deg");
        assertThat(find(targets, "io.weir.rules.threshold~coap-tilt-cover-18").properties())
                .containsEntry("yellow", 15.0).containsEntry("red", 90.0);
        assertThat(targets).noneMatch(t -> t.toString().equals("io.weir.rules.threshold~coap-tilt-gas-3"));

        // the site's own rules on CoAP channels: well water level, gas, low battery
        assertThat(find(targets, "io.weir.rules.threshold~gas-3-ch4").properties())
                .containsEntry("channel", "62001300/gas-3/ch4").containsEntry("unit", "%LEL");
        assertThat(find(targets, "io.weir.rules.threshold~cover-17-battery").properties())
                .containsEntry("direction", "BELOW").containsEntry("blue", 20.0);
        assertThat(find(targets, "io.weir.rules.threshold~well-17-full").properties())
                .containsEntry("unit", "m");
    }

    @Test
    void problemsNameFileLineAndFieldAndNeverQuoteAKey() throws IOException {
        Files.createDirectories(dir.resolve("keys"));
        Files.writeString(dir.resolve("keys/cover-17.psk"), "short\n");
        Files.copy(SITE.resolveSibling("keys/cover-18.hex"), dir.resolve("keys/cover-18.hex"));
        String text = Files.readString(SITE)
                .replace("keyFile: keys/gas-3.psk", "key: gas-3-psk-never-logged")
                .replace("profile: nbiot-gas-detector", "profile: no-such-coap-profile")
                .replace("tiltAlarm: 15", "tiltAlarm: 95")
                .replace("channel: cover-17/battery", "channel: cover-17/batery");
        Path file = dir.resolve("site.yaml");
        Files.writeString(file, text);

        List<String> problems = parser.parse(file).problems().stream().map(Problem::toString).toList();

        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("site.yaml:23: coap.devices[0].keyFile: the key"
                + " must be 8..64 bytes, is 5"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("site.yaml:33: coap.devices[2].key: secrets are"
                + " not written in the site file"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("site.yaml:29: coap.devices[1].tiltAlarm: 95"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(
                "site.yaml:31: coap.devices[2].profile: no CoAP profile 'no-such-coap-profile'"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("rules[4].channel").contains("batery"));
        assertThat(problems).noneMatch(p -> p.contains("short") || p.contains("never-logged"));
    }

    @Test
    void aBrokenCoapProfileIsReportedAtItsOwnLine() throws IOException {
        Path profiles = dir.resolve("profiles");
        Files.createDirectories(profiles.resolve("coap"));
        Files.writeString(profiles.resolve("coap/nbiot-manhole-cover.yaml"), String.join("\n",
                "id: nbiot-manhole-cover", "protocol: coap-senml", "manufacturer: T", "model: T",
                "tiltAngle: tilt", "points:", "  - name: tilt_angle", "    senml: tilt", "    register: 3", ""));
        Files.copy(SHIPPED.resolve("coap/nbiot-gas-detector.yaml"), profiles.resolve("coap/nbiot-gas-detector.yaml"));
        var broken = new SiteFileParser(new ProfileDirectory(profiles, new ProfileParser()));

        List<String> problems = broken.parse(SITE).problems().stream().map(Problem::toString).toList();

        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("nbiot-manhole-cover.yaml:5: tiltAngle:"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("nbiot-manhole-cover.yaml:9: points[0]"
                + ".register"));
    }
}
