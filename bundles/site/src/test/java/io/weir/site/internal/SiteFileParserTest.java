package io.weir.site.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.weir.api.AlarmLevel;
import io.weir.api.SiteInfo;
import io.weir.api.profile.DataType;
import io.weir.api.profile.Point;
import io.weir.api.profile.WordOrder;

class SiteFileParserTest {

    @TempDir
    Path dir;

    @Test
    void goodSiteParsesIntoTheModel() {
        Parsed<SiteModel> parsed = TestFiles.parserFor("good").parse(TestFiles.resource("good/site.yaml"));

        assertThat(parsed.problems()).isEmpty();
        SiteModel site = parsed.value().orElseThrow();
        assertThat(site.site()).isEqualTo(new SiteInfo("gw-yx-001", "62001200", "Yuxi River Station", 30.2741,
                120.1551));
        assertThat(site.uplink().brokerUrl()).isEqualTo("tcp://127.0.0.1:1883");
        assertThat(site.uplink().username()).contains("gw-yx-001");
        assertThat(site.uplink().passwordFile()).contains(TestFiles.resource("good/uplink.password"));
        assertThat(site.uplink().toString()).doesNotContain("s3cret");

        assertThat(site.devices()).extracting(Device::id, Device::host, Device::port, Device::unitId,
                        Device::pollInterval)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("radar-1", "127.0.0.1", 5020, 1, Duration.ofSeconds(5)),
                        org.assertj.core.groups.Tuple.tuple("rain-1", "10.0.0.7", 502, 2, Duration.ofMinutes(1)),
                        org.assertj.core.groups.Tuple.tuple("pump-meter", "::1", 5021, 247, Duration.ofMillis(500)));
        assertThat(site.devices().get(0).profile().points()).containsExactly(
                new Point("air_gap", 3, 1, DataType.UINT16, WordOrder.ABCD, 0.001, 0, "m"),
                new Point("water_level", 3, 3, DataType.UINT16, WordOrder.ABCD, 0.001, 0, "m"));

        assertThat(site.rules()).containsExactly(
                new ThresholdRule("river-level", "62001200/radar-1/water_level", Direction.ABOVE,
                        Map.of(AlarmLevel.BLUE, 3.0, AlarmLevel.YELLOW, 3.5, AlarmLevel.ORANGE, 4.0,
                                AlarmLevel.RED, 4.5), 0.05, "m"),
                new ThresholdRule("pump-undervoltage", "62001200/pump-meter/voltage", Direction.BELOW,
                        Map.of(AlarmLevel.YELLOW, 200.0, AlarmLevel.RED, 180.0), 2.0, "V"));
    }

    @Test
    void oneBasedRegistersBecomeZeroBasedAddresses() {
        SiteModel site = TestFiles.parserFor("good").parse(TestFiles.resource("good/site.yaml")).value().orElseThrow();

        assertThat(site.devices().get(2).profile().points()).containsExactly(
                new Point("voltage", 4, 0, DataType.FLOAT32, WordOrder.CDAB, 1.0, 0.0, "V"),
                new Point("temperature", 3, 0x0100, DataType.INT16, WordOrder.ABCD, 0.1, -40.0, "degC"));
    }

    @Test
    void badSiteReportsEveryProblemWithFileLineAndField() {
        Parsed<SiteModel> parsed = TestFiles.parserFor("bad").parse(TestFiles.resource("bad/site.yaml"));

        assertThat(parsed.ok()).isFalse();
        String profiles = TestFiles.resource("bad/profiles").toString();
        assertThat(parsed.problems()).extracting(Problem::toString).containsExactly(
                "site.yaml:2: gateway.id: 'gw yx 001' must match [A-Za-z0-9._-]{1,64}",
                "site.yaml:4: site.stationCode: '620/01' must match [A-Za-z0-9._-]{1,64}",
                "site.yaml:6: site.latitude: 95.5 is outside -90..90",
                "site.yaml:9: uplink.broker: must start with tcp:// or ssl://",
                "site.yaml:10: uplink.password: secrets are not written in the site file: put it in a file that only"
                        + " the gateway's user can read (mode 600) and name that file with passwordFile",
                "site.yaml:15: devices[0].unitId: 300 is outside 1..247",
                "site.yaml:16: devices[0].pollInterval: 50ms is shorter than the 100ms minimum",
                "site.yaml:17: devices[1].id: 'radar-1' is already the id of devices[0] (line 12)",
                "site.yaml:18: devices[1].profile: no profile 'no-such-profile' in " + profiles
                        + " (looked for no-such-profile.yaml)",
                "site.yaml:19: devices[1].address: '127.0.0.1:70000': port '70000' is not a number in 1..65535",
                "site.yaml:20: devices[1].unitId: must be a whole number, not quoted text",
                "site.yaml:21: devices[1].pollInterval: 'soon' is not a duration: write e.g. 500ms, 5s, 1m, 1h or PT5S",
                "site.yaml:22: devices[2].unitId: is required",
                "site.yaml:23: devices[2].profile: profile 'broken-meter' has 5 problem(s), reported against"
                        + " broken-meter.yaml",
                "site.yaml:25: devices[2].unitID: unknown field; did you mean unitId?",
                "site.yaml:30: rules[0].channel: profile 'hlk-ld8001h' of device 'radar-1' has no point 'waterlevel'"
                        + " (points: air_gap, water_level)",
                "site.yaml:32: rules[0].levels.orange: 3.2 must be above yellow (3.5) for a rule of direction above",
                "site.yaml:33: rules[0].hysteresis: -0.1 is negative",
                "site.yaml:34: rules[1].id: 'river-level' is already the id of rules[0] (line 28)",
                "site.yaml:36: rules[1].channel: no device 'radar-9' in this file (devices: meter-1, radar-1)",
                "site.yaml:37: rules[1].direction: 'sideways' is not above or below",
                "site.yaml:38: rules[1].levels: needs at least one of blue, yellow, orange, red",
                "broken-meter.yaml:6: limits.maxBlockRegisters: 200 is outside 1..125",
                "broken-meter.yaml:11: points[0].register: 0 is outside 1..65536 (registerNumbering is one-based)",
                "broken-meter.yaml:12: points[0].wordOrder: is required for a 32-bit type: ABCD, CDAB, BADC or DCBA,"
                        + " as the device's manual says",
                "broken-meter.yaml:14: points[1].function: 6 is not a read: use 1 (coils), 2 (discrete inputs), 3"
                        + " (holding registers) or 4 (input registers)",
                "broken-meter.yaml:16: points[1].type: 'uint61' is not one of bit, int16, uint16, int32, uint32,"
                        + " float32, int64, uint64, float64, string");
        assertThat(parsed.problems()).extracting(Problem::toString).noneMatch(p -> p.contains("hunter2"));
    }

    @Test
    void aBrokenProfileThatNoDeviceNamesStopsNothing() {
        // good/profiles/unused-broken.yaml is broken; good/site.yaml does not use it
        assertThat(TestFiles.parserFor("good").parse(TestFiles.resource("good/site.yaml")).ok()).isTrue();
    }

    @Test
    void reportsUnreadableYamlAtItsLine() throws IOException {
        List<String> problems = parse("""
                gateway:
                  id: gw-1
                site: [unclosed
                """);
        assertThat(problems).singleElement().asString().startsWith("site.yaml:4: not valid YAML: ");
    }

    @Test
    void reportsMissingSectionsAndWrongShapes() throws IOException {
        assertThat(parse("""
                gateway: gw-1
                site:
                  - stationCode: "1"
                devices:
                  radar-1: {}
                extra: 1
                """)).containsExactly(
                "site.yaml:1: gateway: must be a mapping of fields, not text",
                "site.yaml:1: uplink: is required",
                "site.yaml:3: site: must be a mapping of fields, not a list",
                "site.yaml:5: devices: must be a list, not a mapping",
                "site.yaml:6: extra: unknown field; expected one of gateway, site, uplink, console, deploy, devices, gpio,"
                        + " coap, sl651, sl651Report, meters, store, clock, metrics, rules");
    }

    @Test
    void aDeviceTakesOnlyTheTransportsWeirSpeaks() throws IOException {
        assertThat(parse("""
                gateway: {id: gw-1}
                site: {stationCode: "1", name: n, latitude: 1, longitude: 2}
                uplink: {broker: "tcp://h"}
                devices:
                  - id: d
                    profile: p
                    address: h
                    transport: serial
                    unitId: 1
                    pollInterval: 1s
                """)).contains(
                "site.yaml:8: devices[0].transport: 'serial' is not one of tcp, rtu-over-tcp, rtu");
    }

    @Test
    void reportsAmbiguousNumbersAndRepeatedFields() throws IOException {
        assertThat(parse("""
                gateway: {id: gw-1}
                site: {stationCode: "1", name: n, latitude: 1, longitude: 2}
                uplink: {broker: "tcp://h"}
                devices:
                  - id: d
                    profile: p
                    address: h
                    unitId: 010
                    pollInterval: 1s
                    unitId: 2
                """)).containsExactly(
                "site.yaml:6: devices[0].profile: no profile 'p' in " + dir + " (looked for p.yaml)",
                "site.yaml:8: devices[0].unitId: '010' is ambiguous: write decimal without leading zeros, or hex"
                        + " as 0x10",
                "site.yaml:10: devices[0].unitId: appears twice (first on line 8)");
    }

    @Test
    void emptyFileIsAProblem() throws IOException {
        assertThat(parse("# nothing yet\n")).containsExactly("site.yaml:1: the file is empty");
    }

    @Test
    void missingFileIsAProblem() {
        Path missing = dir.resolve("site.yaml");
        assertThat(new SiteFileParser(new ProfileDirectory(dir, new ProfileParser())).parse(missing).problems())
                .extracting(Problem::toString).containsExactly("site.yaml: file not found: " + missing);
    }

    @Test
    void credentialsInTheBrokerUrlAreRefusedWithoutBeingRepeated() throws IOException {
        assertThat(parse("""
                gateway: {id: gw-1}
                site: {stationCode: "1", name: n, latitude: 1, longitude: 2}
                uplink: {broker: "ssl://user:topsecret@broker:8883"}
                """)).containsExactly("site.yaml:3: uplink.broker: must not carry credentials: put them in"
                + " uplink.username and uplink.passwordFile");
    }

    private List<String> parse(String yaml) throws IOException {
        Path file = dir.resolve("site.yaml");
        Files.writeString(file, yaml);
        return new SiteFileParser(new ProfileDirectory(dir, new ProfileParser())).parse(file).problems().stream()
                .map(Problem::toString).toList();
    }
}
