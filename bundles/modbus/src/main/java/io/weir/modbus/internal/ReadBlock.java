package io.weir.modbus.internal;

import java.util.ArrayList;
import java.util.List;

import io.weir.api.profile.Point;

/**
 * One read request: {@code count} registers (or bits) from {@code address} with one function code, and the points
 * those registers hold.
 *
 * @param function 1 (coils), 2 (discrete inputs), 3 (holding registers) or 4 (input registers)
 * @param address  zero-based address of the first register or bit
 * @param count    number of registers, at most the profile's largest block; for functions 1 and 2 number of bits,
 *                 at most 2000
 * @param points   the points inside the block, in address order
 */
record ReadBlock(int function, int address, int count, List<Point> points) {

    ReadBlock {
        points = List.copyOf(points);
        if (count < 1) {
            throw new IllegalArgumentException("a block reads at least one register, not " + count);
        }
    }

    /** The block that reads exactly these points (in address order). */
    static ReadBlock of(int function, List<Point> points) {
        int start = points.stream().mapToInt(Point::address).min().orElseThrow();
        int end = points.stream().mapToInt(Point::end).max().orElseThrow();
        return new ReadBlock(function, start, end - start, points);
    }

    /** Address of the register after the block's last one. */
    int end() {
        return address + count;
    }

    /** Registers the block reads that none of its points use: what a bridged read crosses. */
    List<Integer> unusedRegisters() {
        var unused = new ArrayList<Integer>();
        for (int r = address; r < end(); r++) {
            int register = r;
            if (points.stream().noneMatch(p -> register >= p.address() && register < p.end())) {
                unused.add(register);
            }
        }
        return unused;
    }

    /** The blocks that read this block's points without crossing any of {@code holes}. */
    List<ReadBlock> around(List<Integer> holes) {
        var parts = new ArrayList<ReadBlock>();
        var run = new ArrayList<Point>();
        int runEnd = address;
        for (Point p : points) {
            int from = runEnd;
            boolean holeBefore = holes.stream().anyMatch(h -> h >= from && h < p.address());
            if (holeBefore && !run.isEmpty()) {
                parts.add(of(function, run));
                run = new ArrayList<>();
            }
            run.add(p);
            runEnd = Math.max(runEnd, p.end());
        }
        if (!run.isEmpty()) {
            parts.add(of(function, run));
        }
        return parts;
    }

    /** The two blocks that read the first and the second half of this block's points. */
    List<ReadBlock> halves() {
        if (points.size() < 2) {
            throw new IllegalStateException(this + " holds one point and cannot be split");
        }
        int middle = points.size() / 2;
        return List.of(of(function, points.subList(0, middle)), of(function, points.subList(middle, points.size())));
    }

    /** Whether the block reads coils or discrete inputs rather than registers. */
    boolean isBits() {
        return function == 1 || function == 2;
    }

    @Override
    public String toString() {
        return "function " + function + (isBits() ? " bits " : " registers ") + address + ".." + (end() - 1);
    }
}
