package io.weir.site.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.weir.api.profile.DataType;
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

    private Parsed<DeviceProfile> parse(String id, String yaml) throws IOException {
        Path file = dir.resolve(id + ".yaml");
        Files.writeString(file, yaml);
        return new ProfileParser().parse(file);
    }
}
