package io.weir.modbus.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.weir.api.profile.DeviceProfile;
import io.weir.api.profile.Point;

/**
 * The block reads that fetch every point of a profile. Points are merged into one block only while their
 * registers are contiguous (or overlap) and the block stays within the profile's largest block: many devices answer
 * ILLEGAL DATA ADDRESS when a read spans a hole in their register map, so a gap always starts a new block.
 *
 * @param blocks holding-register blocks first, then input-register blocks, each in address order
 */
record ReadPlan(List<ReadBlock> blocks) {

    private static final int[] FUNCTIONS = {3, 4};

    ReadPlan {
        blocks = List.copyOf(blocks);
    }

    static ReadPlan of(DeviceProfile profile) {
        var blocks = new ArrayList<ReadBlock>();
        for (int function : FUNCTIONS) {
            List<Point> sorted = profile.points().stream()
                    .filter(p -> p.function() == function)
                    .sorted(Comparator.comparingInt(Point::address).thenComparingInt(Point::end))
                    .toList();
            blocks.addAll(merge(function, sorted, profile.maxBlockRegisters()));
        }
        return new ReadPlan(blocks);
    }

    // Greedy from the lowest address: with points that cannot be split, extending the current block as far as it
    // may go never needs more blocks than any other split.
    private static List<ReadBlock> merge(int function, List<Point> sorted, int maxRegisters) {
        var blocks = new ArrayList<ReadBlock>();
        var current = new ArrayList<Point>();
        int start = 0;
        int end = 0;
        for (Point p : sorted) {
            boolean fits = !current.isEmpty() && p.address() <= end && Math.max(end, p.end()) - start <= maxRegisters;
            if (!fits && !current.isEmpty()) {
                blocks.add(new ReadBlock(function, start, end - start, current));
                current = new ArrayList<>();
            }
            if (current.isEmpty()) {
                start = p.address();
                end = p.end();
            } else {
                end = Math.max(end, p.end());
            }
            current.add(p);
        }
        if (!current.isEmpty()) {
            blocks.add(new ReadBlock(function, start, end - start, current));
        }
        return blocks;
    }
}
