package io.weir.modbus.internal;

import static io.weir.api.profile.DataType.FLOAT32;
import static io.weir.api.profile.DataType.INT16;
import static io.weir.api.profile.DataType.UINT16;
import static io.weir.api.profile.DataType.UINT32;
import static io.weir.modbus.internal.Points.holding;
import static io.weir.modbus.internal.Points.input;
import static io.weir.modbus.internal.Points.profile;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.weir.api.profile.DeviceProfile;
import io.weir.api.profile.Point;

class ReadPlanTest {

    /** (function, first address, count) of each block, in plan order. */
    private static List<List<Integer>> shape(ReadPlan plan) {
        return plan.blocks().stream().map(b -> List.of(b.function(), b.address(), b.count())).toList();
    }

    private static List<List<String>> names(ReadPlan plan) {
        return plan.blocks().stream().map(b -> b.points().stream().map(Point::name).toList()).toList();
    }

    @Test
    void contiguousPointsOfMixedWidthsShareOneBlock() {
        var plan = ReadPlan.of(profile(16, 500,
                holding("a", 0, UINT16), holding("b", 1, FLOAT32), holding("c", 3, INT16), holding("d", 4, UINT32)));

        assertThat(shape(plan)).containsExactly(List.of(3, 0, 6));
        assertThat(names(plan)).containsExactly(List.of("a", "b", "c", "d"));
    }

    @Test
    void withoutBridgingAGapOfOneRegisterStartsANewBlock() {
        var plan = ReadPlan.of(profile(16, 500,
                holding("air_gap", 1, UINT16), holding("level", 3, UINT16), holding("height", 5, UINT16)));

        assertThat(shape(plan)).containsExactly(List.of(3, 1, 1), List.of(3, 3, 1), List.of(3, 5, 1));
    }

    private static DeviceProfile bridging(int maxGap, List<Integer> holes, Point... points) {
        return new DeviceProfile("test-profile", "Weir", "Test", 16, 500, List.of(points), holes, maxGap);
    }

    @Test
    void gapsUpToMaxGapAreBridgedIntoOneTransaction() {
        var plan = ReadPlan.of(bridging(8, List.of(),
                holding("air_gap", 1, UINT16), holding("level", 3, UINT16), holding("height", 5, UINT16)));

        assertThat(shape(plan)).containsExactly(List.of(3, 1, 5));
        assertThat(names(plan)).containsExactly(List.of("air_gap", "level", "height"));
    }

    @Test
    void aGapWiderThanMaxGapStartsANewBlock() {
        var plan = ReadPlan.of(bridging(2, List.of(),
                holding("a", 0, UINT16), holding("b", 3, UINT16), holding("c", 7, UINT16)));

        assertThat(shape(plan)).containsExactly(List.of(3, 0, 4), List.of(3, 7, 1));
    }

    @Test
    void aDeclaredHoleIsNeverCrossed() {
        var plan = ReadPlan.of(bridging(8, List.of(4),
                holding("air_gap", 1, UINT16), holding("level", 3, UINT16), holding("height", 5, UINT16)));

        assertThat(shape(plan)).containsExactly(List.of(3, 1, 3), List.of(3, 5, 1));
    }

    @Test
    void bridgingNeverMakesABlockLargerThanTheDeviceAnswers() {
        var plan = ReadPlan.of(new DeviceProfile("test-profile", "Weir", "Test", 4, 500, List.of(
                holding("a", 0, UINT16), holding("b", 2, UINT16), holding("c", 4, UINT16)), List.of(), 8));

        assertThat(shape(plan)).containsExactly(List.of(3, 0, 3), List.of(3, 4, 1));
    }

    @Test
    void pointsAreSortedByAddressWhateverTheProfileOrder() {
        var plan = ReadPlan.of(profile(16, 500,
                holding("c", 2, UINT16), holding("a", 0, UINT16), holding("b", 1, UINT16)));

        assertThat(shape(plan)).containsExactly(List.of(3, 0, 3));
        assertThat(names(plan)).containsExactly(List.of("a", "b", "c"));
    }

    @Test
    void splitsAtTheLargestBlock() {
        var plan = ReadPlan.of(profile(4, 500,
                holding("p0", 0, UINT16), holding("p1", 1, UINT16), holding("p2", 2, UINT16),
                holding("p3", 3, UINT16), holding("p4", 4, UINT16), holding("p5", 5, UINT16)));

        assertThat(shape(plan)).containsExactly(List.of(3, 0, 4), List.of(3, 4, 2));
    }

    @Test
    void neverSplitsAThirtyTwoBitValueAcrossBlocks() {
        // 0..2 are 16-bit, the float at 3..4 would make the block 5 registers long
        var plan = ReadPlan.of(profile(4, 500,
                holding("p0", 0, UINT16), holding("p1", 1, UINT16), holding("p2", 2, UINT16),
                holding("f", 3, FLOAT32)));

        assertThat(shape(plan)).containsExactly(List.of(3, 0, 3), List.of(3, 3, 2));
    }

    @Test
    void aFullModbusFrameHoldsAtMost125Registers() {
        Point[] points = IntStream.range(0, 200).mapToObj(i -> input("p" + i, i, UINT16)).toArray(Point[]::new);

        var plan = ReadPlan.of(profile(125, 500, points));

        assertThat(shape(plan)).containsExactly(List.of(4, 0, 125), List.of(4, 125, 75));
    }

    @Test
    void functionsAreNeverMixedAndHoldingRegistersComeFirst() {
        var plan = ReadPlan.of(profile(16, 500,
                input("voltage", 0, FLOAT32), holding("setpoint", 2, UINT16), input("current", 2, FLOAT32)));

        assertThat(shape(plan)).containsExactly(List.of(3, 2, 1), List.of(4, 0, 4));
        assertThat(names(plan)).containsExactly(List.of("setpoint"), List.of("voltage", "current"));
    }

    @Test
    void pointsSharingRegistersAreReadOnce() {
        // the same register read as signed and unsigned, and a 16-bit view of a 32-bit value's low word
        var plan = ReadPlan.of(profile(16, 500,
                holding("signed", 5, INT16), holding("unsigned", 5, UINT16), holding("wide", 5, UINT32),
                holding("low_word", 6, UINT16)));

        assertThat(shape(plan)).containsExactly(List.of(3, 5, 2));
        assertThat(names(plan).get(0)).containsExactlyInAnyOrder("signed", "unsigned", "wide", "low_word");
    }

    private static Point coil(String name, int address) {
        return new Point(name, 1, address, io.weir.api.profile.DataType.BIT, null, 1, 0, "");
    }

    private static Point discrete(String name, int address) {
        return new Point(name, 2, address, io.weir.api.profile.DataType.BIT, null, 1, 0, "");
    }

    @Test
    void bitsMergeUpTo2000WhateverTheLargestRegisterBlock() {
        var points = new java.util.ArrayList<Point>();
        for (int address = 0; address < 2000; address += 100) {
            points.add(coil("c" + address, address));
        }
        points.addAll(List.of(coil("last", 1999), coil("over", 2000), discrete("d", 5), holding("r", 0, UINT16)));
        // every gap is under 124 bits, so only the 2000-bit limit splits the coils
        var plan = ReadPlan.of(new DeviceProfile("p", "m", "m", 10, 500, points, List.of(), 124));

        assertThat(shape(plan)).containsExactly(List.of(1, 0, 2000), List.of(1, 2000, 1), List.of(2, 5, 1),
                List.of(3, 0, 1));
    }

    @Test
    void bitsBridgeAtMostMaxGapUnusedBitsAndIgnoreRegisterHoles() {
        var plan = ReadPlan.of(new DeviceProfile("p", "m", "m", 10, 500,
                List.of(coil("a", 0), coil("b", 4), coil("c", 9), holding("r", 20, UINT16)), List.of(2, 7), 3));

        // 1..3 (3 unused) is bridged, 5..8 (4 unused) is not; holes 2 and 7 are registers, not coils
        assertThat(shape(plan)).containsExactly(List.of(1, 0, 5), List.of(1, 9, 1), List.of(3, 20, 1));
    }
}
