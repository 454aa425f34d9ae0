package io.weir.site.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.weir.api.profile.DataType;
import io.weir.api.profile.Deadband;
import io.weir.api.profile.DeviceProfile;
import io.weir.api.profile.Point;
import io.weir.api.profile.WordOrder;

class ProfileParserTest {

    @TempDir
    Path dir;

    @Test
    void readsAProfileWithDefaultsForOptionalFields() throws IOException {
        Parsed<DeviceProfile> parsed = parse("gauge", """
                id: gauge
                manufacturer: Acme
                model: G-1
                registerNumbering: zero-based
                limits: {maxBlockRegisters: 8, timeoutMs: 250}
                points:
                  - {name: level, function: 3, register: 0x0010, type: uint16}
                  - {name: flow, function: 4, register: 20, type: float32, wordOrder: DCBA, unit: m3/h}
                """);

        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.value()).contains(new DeviceProfile("gauge", "Acme", "G-1", 8, 250, List.of(
                new Point("level", 3, 16, DataType.UINT16, WordOrder.ABCD, ProfileParser.DEFAULT_SCALE,
                        ProfileParser.DEFAULT_OFFSET, ""),
                new Point("flow", 4, 20, DataType.FLOAT32, WordOrder.DCBA, 1.0, 0.0, "m3/h")), List.of(),
                ProfileParser.DEFAULT_MAX_GAP));
    }

    @Test
    void writablePointsTakeTheirTypesDefaultWriteFunctionOrTheOneTheDeviceNeeds() throws IOException {
        Parsed<DeviceProfile> parsed = parse("pump", """
                id: pump
                manufacturer: Acme
                model: P-1
                registerNumbering: zero-based
                limits: {maxBlockRegisters: 32, timeoutMs: 300}
                points:
                  - {name: run, function: 1, register: 0, type: bit, writable: true}
                  - {name: setpoint, function: 3, register: 10, type: uint16, scale: 0.01, writable: true}
                  - {name: limit, function: 3, register: 12, type: float32, wordOrder: ABCD, writable: true}
                  - {name: mode, function: 3, register: 14, type: int16, writable: true, writeFunction: 16}
                  - {name: level, function: 3, register: 15, type: uint16}
                """);

        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.value().orElseThrow().points()).extracting(Point::name, Point::writeFunction)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("run", 5),
                        org.assertj.core.groups.Tuple.tuple("setpoint", 6),
                        org.assertj.core.groups.Tuple.tuple("limit", 16),
                        org.assertj.core.groups.Tuple.tuple("mode", 16),
                        org.assertj.core.groups.Tuple.tuple("level", 0));
    }

    @Test
    void writesThatCannotBeAreNamed() throws IOException {
        Parsed<DeviceProfile> parsed = parse("pump", """
                id: pump
                manufacturer: Acme
                model: P-1
                registerNumbering: zero-based
                limits: {maxBlockRegisters: 32, timeoutMs: 300}
                points:
                  - {name: flow, function: 4, register: 0, type: uint16, writable: true}
                  - {name: limit, function: 3, register: 12, type: float32, wordOrder: ABCD, writable: true, writeFunction: 6}
                  - {name: mode, function: 3, register: 14, type: int16, writeFunction: 16}
                """);

        assertThat(parsed.problems()).extracting(Problem::toString).containsExactly(
                "pump.yaml:7: points[0].writable: function 4 reads an input, which cannot be written: only coils (1)"
                        + " and holding registers (3) can",
                "pump.yaml:8: points[1].writeFunction: 6 cannot write a float32 (coils: 5 or 15; one-register"
                        + " values: 6 or 16; wider values and strings: 16)",
                "pump.yaml:9: points[2].writeFunction: needs writable: true");
    }

    @Test
    void holesAreReadAsTheManualNumbersThemAndMaxGapIsKept() throws IOException {
        Parsed<DeviceProfile> parsed = parse("gauge", """
                id: gauge
                manufacturer: Acme
                model: G-1
                registerNumbering: one-based
                limits: {maxBlockRegisters: 8, timeoutMs: 250, maxGap: 3, holes: [3, 0x0005]}
                points:
                  - {name: level, function: 3, register: 2, type: uint16}
                  - {name: flow, function: 3, register: 6, type: uint16}
                """);

        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.value().orElseThrow().holes()).containsExactly(2, 4);
        assertThat(parsed.value().orElseThrow().maxGap()).isEqualTo(3);
    }

    @Test
    void aPointOnAHoleAndAWrongMaxGapAreNamedAtTheirLines() throws IOException {
        assertThat(parse("gauge", """
                id: gauge
                manufacturer: Acme
                model: G-1
                registerNumbering: zero-based
                limits:
                  maxBlockRegisters: 8
                  timeoutMs: 250
                  maxGap: 200
                  holes: [1]
                points:
                  - {name: level, function: 3, register: 0, type: float32, wordOrder: ABCD}
                """).problems()).extracting(Problem::toString).contains(
                "gauge.yaml:8: limits.maxGap: 200 is outside 0..124",
                "gauge.yaml:9: limits.holes: register 1 is a hole, but point level (line 11) reads it");
    }

    @Test
    void oneBasedNumberingShiftsEveryRegisterByOne() throws IOException {
        Parsed<DeviceProfile> parsed = parse("m", """
                id: m
                manufacturer: Acme
                model: M
                registerNumbering: one-based
                limits: {maxBlockRegisters: 125, timeoutMs: 500}
                points:
                  - {name: first, function: 3, register: 1, type: uint16}
                  - {name: last, function: 3, register: 65536, type: uint16}
                  - {name: hex, function: 4, register: 0x0101, type: int32, wordOrder: CDAB}
                """);

        assertThat(parsed.value().orElseThrow().points()).extracting(Point::name, Point::address).containsExactly(
                org.assertj.core.groups.Tuple.tuple("first", 0),
                org.assertj.core.groups.Tuple.tuple("last", 65535),
                org.assertj.core.groups.Tuple.tuple("hex", 0x0100));
    }

    @Test
    void reportsWhatTheSchemaCannotSay() throws IOException {
        Parsed<DeviceProfile> parsed = parse("meter", """
                id: other-name
                manufacturer: Acme
                model: M
                registerNumbering: zero-based
                limits: {maxBlockRegisters: 1, timeoutMs: 500}
                points:
                  - {name: a, function: 3, register: 1, type: uint16}
                  - {name: a, function: 3, register: 2, type: uint16}
                  - {name: b, function: 4, register: 65535, type: uint32, wordOrder: ABCD}
                  - {name: c, function: 3, register: 3, type: uint16, scale: 0}
                """);

        assertThat(parsed.problems()).extracting(Problem::toString).containsExactly(
                "meter.yaml:1: id: 'other-name' must be the file's name without .yaml ('meter')",
                "meter.yaml:8: points[1].name: 'a' is already the name of the point on line 7",
                "meter.yaml:9: points[2].type: uint32 spans 2 registers, more than limits.maxBlockRegisters 1",
                "meter.yaml:9: points[2].register: a 2-register value at 65535 runs past the last register",
                "meter.yaml:10: points[3].scale: must not be 0: every value would read as the offset");
    }

    @Test
    void reportsMissingFieldsAtTheirMapping() throws IOException {
        Parsed<DeviceProfile> parsed = parse("empty", """
                # header comment
                id: empty
                points: []
                """);

        assertThat(parsed.problems()).extracting(Problem::toString).containsExactly(
                "empty.yaml:2: manufacturer: is required",
                "empty.yaml:2: model: is required",
                "empty.yaml:2: registerNumbering: is required",
                "empty.yaml:2: limits: is required",
                "empty.yaml:3: points: needs at least one point");
    }

    @Test
    void reportsAWrongShapeOnce() throws IOException {
        Parsed<DeviceProfile> parsed = parse("shape", """
                id: shape
                manufacturer: Acme
                model: S
                registerNumbering: 1
                limits: {maxBlockRegisters: 8, timeoutMs: 500}
                points: 7
                """);

        assertThat(parsed.problems()).extracting(Problem::toString).containsExactly(
                "shape.yaml:4: registerNumbering: '1' is not zero-based or one-based",
                "shape.yaml:6: points: must be a list, not text");
    }

    @Test
    void readsBitsWideTypesAndStrings() throws IOException {
        Parsed<DeviceProfile> parsed = parse("meter", """
                id: meter
                manufacturer: Acme
                model: M
                registerNumbering: one-based
                limits: {maxBlockRegisters: 32, timeoutMs: 500, holes: [1]}
                points:
                  - {name: pump_on, function: 1, register: 1, type: bit}
                  - {name: door_open, function: 2, register: 3, type: bit}
                  - {name: total, function: 3, register: 11, type: uint64, wordOrder: CDAB, unit: m3}
                  - {name: signed_total, function: 3, register: 15, type: int64, wordOrder: ABCD, scale: 0.1}
                  - {name: volume, function: 4, register: 2, type: float64, wordOrder: DCBA}
                  - {name: serial, function: 3, register: 21, type: string, length: 8}
                """);

        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.value().orElseThrow().points()).containsExactly(
                new Point("pump_on", 1, 0, DataType.BIT, WordOrder.ABCD, 1, 0, ""),
                new Point("door_open", 2, 2, DataType.BIT, WordOrder.ABCD, 1, 0, ""),
                new Point("total", 3, 10, DataType.UINT64, WordOrder.CDAB, 1, 0, "m3"),
                new Point("signed_total", 3, 14, DataType.INT64, WordOrder.ABCD, 0.1, 0, ""),
                new Point("volume", 4, 1, DataType.FLOAT64, WordOrder.DCBA, 1, 0, ""),
                new Point("serial", 3, 20, DataType.STRING, WordOrder.ABCD, 1, 0, "", 8));
    }

    @Test
    void namesWhatIsWrongWithBitsAndStrings() throws IOException {
        Parsed<DeviceProfile> parsed = parse("meter", """
                id: meter
                manufacturer: Acme
                model: M
                registerNumbering: zero-based
                limits: {maxBlockRegisters: 16, timeoutMs: 500}
                points:
                  - {name: a, function: 3, register: 0, type: bit}
                  - {name: b, function: 2, register: 0, type: uint16}
                  - {name: c, function: 1, register: 0, type: bit, scale: 2}
                  - {name: d, function: 3, register: 0, type: string}
                  - {name: e, function: 3, register: 0, type: string, length: 17}
                  - {name: f, function: 3, register: 0, type: uint16, length: 2}
                  - {name: g, function: 3, register: 0, type: string, length: 2, offset: 1}
                  - {name: h, function: 4, register: 0, type: float64}
                  - {name: i, function: 5, register: 0, type: bit}
                  - {name: j, function: 3, register: 65534, type: string, length: 3}
                """);

        assertThat(parsed.problems()).extracting(Problem::toString).containsExactly(
                "meter.yaml:7: points[0].type: bit is read with function 1 (coils) or 2 (discrete inputs), not 3",
                "meter.yaml:8: points[1].type: function 2 reads bits: the type must be bit, not uint16",
                "meter.yaml:9: points[2].scale: a bit has no scale: leave it out",
                "meter.yaml:10: points[3].length: is required for a string: its size in registers, two characters"
                        + " each",
                "meter.yaml:11: points[4].length: 17 is outside 1..16",
                "meter.yaml:12: points[5].length: is for strings only, not uint16",
                "meter.yaml:13: points[6].offset: a string has no offset: leave it out",
                "meter.yaml:14: points[7].wordOrder: is required for a 64-bit type: ABCD, CDAB, BADC or DCBA, as the"
                        + " device's manual says",
                "meter.yaml:15: points[8].function: 5 is not a read: use 1 (coils), 2 (discrete inputs), 3 (holding"
                        + " registers) or 4 (input registers)",
                "meter.yaml:16: points[9].register: a 3-register value at 65534 runs past the last register");
    }

    @Test
    void manualNotationSuchAs30001IsRefusedNamingTheAddressItMeans() throws IOException {
        Parsed<DeviceProfile> parsed = parse("sdm", """
                id: sdm
                manufacturer: Eastron
                model: SDM120
                registerNumbering: one-based
                limits: {maxBlockRegisters: 80, timeoutMs: 1000}
                points:
                  - {name: voltage, function: 4, register: 30001, type: float32, wordOrder: ABCD}
                  - {name: setpoint, function: 3, register: 400013, type: uint16}
                  - {name: far, function: 3, register: 0x9C41, type: uint16}
                  - {name: also_far, function: 4, register: 40001, type: uint16}
                """);

        assertThat(parsed.problems()).extracting(Problem::toString).containsExactly(
                "sdm.yaml:7: points[0].register: 30001 is the manual's 3xxxx notation for input register 1 (protocol"
                        + " address 0), not a register number: write 1 with registerNumbering one-based, or 0 with"
                        + " zero-based; a device that really has register 30001 takes it in hex (0x7531)",
                "sdm.yaml:8: points[1].register: 400013 is the manual's 4xxxx notation for holding register 13"
                        + " (protocol address 12), not a register number: write 13 with registerNumbering one-based,"
                        + " or 12 with zero-based");
    }

    @Test
    void decimalsSayHowPeopleReadAValueAndNumberingTravelsWithTheProfile() throws IOException {
        Parsed<DeviceProfile> parsed = parse("sdm", """
                id: sdm
                manufacturer: Eastron
                model: SDM120
                registerNumbering: one-based
                limits: {maxBlockRegisters: 80, timeoutMs: 1000}
                points:
                  - {name: voltage, function: 4, register: 1, type: float32, wordOrder: ABCD, unit: V, decimals: 1}
                  - {name: serial, function: 3, register: 20, type: string, length: 4, decimals: 2}
                  - {name: level, function: 3, register: 30, type: uint16, decimals: 16}
                """);

        assertThat(parsed.problems()).extracting(Problem::toString).containsExactly(
                "sdm.yaml:8: points[1].decimals: a string has no decimals: leave it out",
                "sdm.yaml:9: points[2].decimals: 16 is outside 0..15");

        DeviceProfile good = parse("sdm2", """
                id: sdm2
                manufacturer: Eastron
                model: SDM120
                registerNumbering: one-based
                limits: {maxBlockRegisters: 80, timeoutMs: 1000}
                points:
                  - {name: voltage, function: 4, register: 1, type: float32, wordOrder: ABCD, unit: V, decimals: 1}
                """).value().orElseThrow();
        assertThat(good.points().get(0).decimals()).isEqualTo(1);
        assertThat(good.firstRegister()).isEqualTo(1);
    }

    @Test
    void aPointMayReportByExceptionWithADeadbandAndAHeartbeat() throws IOException {
        DeviceProfile profile = parse("meter", """
                id: meter
                manufacturer: Acme
                model: M-1
                registerNumbering: zero-based
                limits: {maxBlockRegisters: 80, timeoutMs: 1000}
                points:
                  - {name: voltage, function: 4, register: 0, type: float32, wordOrder: ABCD, deadband: 0.5, heartbeat: 5m}
                  - {name: power, function: 4, register: 2, type: float32, wordOrder: ABCD, deadband: 0.5%}
                  - {name: state, function: 3, register: 4, type: uint16, heartbeat: PT30S}
                  - {name: level, function: 3, register: 5, type: uint16}
                """).value().orElseThrow();

        assertThat(profile.points()).extracting(Point::name, Point::deadband, Point::heartbeatMillis).containsExactly(
                org.assertj.core.groups.Tuple.tuple("voltage", new Deadband(0.5, false), 300_000L),
                org.assertj.core.groups.Tuple.tuple("power", new Deadband(0.5, true), 0L),
                org.assertj.core.groups.Tuple.tuple("state", null, 30_000L),
                org.assertj.core.groups.Tuple.tuple("level", null, 0L));
        assertThat(profile.points()).extracting(Point::reportsByException).containsExactly(true, true, true, false);
    }

    @Test
    void deadbandsAndHeartbeatsThatCannotBeAreNamed() throws IOException {
        Parsed<DeviceProfile> parsed = parse("meter", """
                id: meter
                manufacturer: Acme
                model: M-1
                registerNumbering: zero-based
                limits: {maxBlockRegisters: 80, timeoutMs: 1000}
                points:
                  - {name: a, function: 3, register: 0, type: uint16, deadband: -1}
                  - {name: b, function: 3, register: 1, type: uint16, heartbeat: soon}
                  - {name: c, function: 3, register: 2, type: uint16, deadband: half%}
                  - {name: d, function: 3, register: 3, type: uint16, deadband: "0.5"}
                  - {name: e, function: 1, register: 0, type: bit, deadband: 1}
                  - {name: f, function: 3, register: 4, type: uint16, heartbeat: 0s}
                """);

        assertThat(parsed.problems()).extracting(Problem::toString).containsExactly(
                "meter.yaml:7: points[0].deadband: -1 is negative: the deadband is how far the value may move"
                        + " unreported, 0 or more in the point's unit, or a percentage such as 0.5%",
                "meter.yaml:8: points[1].heartbeat: 'soon' is not a duration: write e.g. 500ms, 5s, 1m, 1h or PT5S",
                "meter.yaml:9: points[2].deadband: 'half%' is not a percentage such as 0.5% (of the last reported"
                        + " value)",
                "meter.yaml:10: points[3].deadband: must be a number, not quoted text",
                "meter.yaml:11: points[4].deadband: a bit has no deadband: every change of it is reported; leave it"
                        + " out",
                "meter.yaml:12: points[5].heartbeat: 0s is no heartbeat: give a duration of at least 1ms, or leave it"
                        + " out to report every reading");
    }

    private Parsed<DeviceProfile> parse(String id, String yaml) throws IOException {
        Path file = dir.resolve(id + ".yaml");
        Files.writeString(file, yaml);
        return new ProfileParser().parse(file);
    }
}
