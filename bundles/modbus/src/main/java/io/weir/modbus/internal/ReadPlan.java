package io.weir.modbus.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;

import io.weir.api.profile.DeviceProfile;
import io.weir.api.profile.Point;

/**
 * The block reads that fetch every point of a profile, as few as the device allows: on a serial bus the
 * transactions, not the bytes, are what cost (each carries its own request, its answer's header and CRC and two
 * silent gaps), so points are merged into one block across unused registers, up to the profile's {@code maxGap} of
 * them, as long as the block stays within the device's largest block and crosses none of its declared holes. A hole
 * that was not declared costs one search and is then remembered (see {@link DevicePoller}).
 *
 * <p>Coils (01) and discrete inputs (02) merge the same way, counted in bits: up to the Modbus limit of
 * {@link DeviceProfile#MODBUS_MAX_BITS} bits per read whatever the profile's largest register block (a separate bit
 * limit has not been needed), bridging up to {@code maxGap} unused bits. Declared holes are register addresses and
 * do not apply to bits.
 *
 * @param blocks coil blocks, discrete-input blocks, holding-register blocks, then input-register blocks, each in
 *               address order
 */
record ReadPlan(List<ReadBlock> blocks) {

    private static final int[] FUNCTIONS = {1, 2, 3, 4};

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
            boolean bits = function == 1 || function == 2;
            blocks.addAll(merge(function, sorted,
                    bits ? DeviceProfile.MODBUS_MAX_BITS : profile.maxBlockRegisters(), profile.maxGap(),
                    bits ? new TreeSet<>() : new TreeSet<>(profile.holes())));
        }
        return new ReadPlan(blocks);
    }

    // Greedy from the lowest address: with points that cannot be split, extending the current block as far as it
    // may go never needs more blocks than any other split.
    private static List<ReadBlock> merge(int function, List<Point> sorted, int maxRegisters, int maxGap,
                                         NavigableSet<Integer> holes) {
        var blocks = new ArrayList<ReadBlock>();
        var current = new ArrayList<Point>();
        int start = 0;
        int end = 0;
        for (Point p : sorted) {
            boolean fits = !current.isEmpty()
                    && p.address() <= end + maxGap
                    && !holeIn(holes, end, p.address())
                    && Math.max(end, p.end()) - start <= maxRegisters;
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

    /** Whether a declared hole lies in the registers [from, to) a block would have to bridge. */
    private static boolean holeIn(NavigableSet<Integer> holes, int from, int to) {
        Integer first = holes.ceiling(from);
        return first != null && first < to;
    }
}
