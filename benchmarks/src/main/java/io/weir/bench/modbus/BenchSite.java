package io.weir.bench.modbus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.weir.api.profile.DataType;
import io.weir.api.profile.DeviceProfile;
import io.weir.api.profile.Point;
import io.weir.api.profile.WordOrder;

/**
 * A realistic site: 20 devices, 600 channels, four kinds of device with different register maps, block limits and
 * holes; and the fewest transactions that can read it, computed here independently of Weir's planner.
 */
final class BenchSite {

    private BenchSite() {
    }

    /** 5 of each kind: energy meters (60 float32 input registers), flow meters (20 mixed holding registers with
     *  holes), I/O modules (8 analog inputs, 4 settings, 6 coils, 6 discrete inputs) and level/rain gauges (16
     *  holding registers, a small largest block, holes). */
    static List<DeviceProfile> profiles() {
        var profiles = new ArrayList<DeviceProfile>();
        for (int i = 0; i < 5; i++) {
            profiles.add(energyMeter(i));
            profiles.add(flowMeter(i));
            profiles.add(ioModule(i));
            profiles.add(levelGauge(i));
        }
        return profiles;
    }

    /** Like an Eastron SDM630: float32 pairs with gaps where the map skips values; 40 registers a read. */
    static DeviceProfile energyMeter(int n) {
        var points = new ArrayList<Point>();
        int address = 0;
        for (int i = 0; i < 60; i++) {
            points.add(new Point("e" + i, 4, address, DataType.FLOAT32, WordOrder.ABCD, 1, 0, ""));
            address += 2 + (i % 7 == 3 ? 6 : 0) + (i % 11 == 5 ? 14 : 0);
        }
        return new DeviceProfile("energy-" + n, "Bench", "energy", 40, 500, points, List.of(), 8);
    }

    /** Like a TUF-2000M: accumulators (int32 CDAB), floats and status words, with registers it refuses. */
    static DeviceProfile flowMeter(int n) {
        var points = new ArrayList<Point>();
        int[] addresses = {0, 2, 4, 6, 8, 12, 14, 16, 18, 20, 24, 26, 28, 30, 52, 54, 56, 60, 61, 62};
        for (int i = 0; i < addresses.length; i++) {
            DataType type = i < 6 ? DataType.INT32 : i < 14 ? DataType.FLOAT32 : DataType.UINT16;
            points.add(new Point("f" + i, 3, addresses[i], type, WordOrder.CDAB, 1, 0, ""));
        }
        return new DeviceProfile("flow-" + n, "Bench", "flow", 50, 500, points, List.of(10, 11, 22, 58), 8);
    }

    /** A 4-20 mA / digital I/O module: every table in use, 16 registers a read, a hole among its settings. */
    static DeviceProfile ioModule(int n) {
        var points = new ArrayList<Point>();
        for (int i = 0; i < 8; i++) {
            points.add(new Point("ai" + i, 4, i, DataType.INT16, WordOrder.ABCD, 0.01, -5, "m"));
        }
        for (int i = 0; i < 4; i++) {
            points.add(new Point("set" + i, 3, 100 + 2 * i, DataType.UINT16, WordOrder.ABCD, 1, 0, ""));
        }
        for (int i = 0; i < 6; i++) {
            points.add(new Point("do" + i, 1, i, DataType.BIT, WordOrder.ABCD, 1, 0, ""));
            points.add(new Point("di" + i, 2, 2 * i, DataType.BIT, WordOrder.ABCD, 1, 0, ""));
        }
        return new DeviceProfile("io-" + n, "Bench", "io", 16, 500, points, List.of(103), 8);
    }

    /** A level or rain gauge: a small register map read 8 registers at a time, with two holes. */
    static DeviceProfile levelGauge(int n) {
        var points = new ArrayList<Point>();
        int[] addresses = {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 13, 15, 17, 18, 19, 21};
        for (int i = 0; i < addresses.length; i++) {
            points.add(new Point("l" + i, 3, addresses[i], DataType.UINT16, WordOrder.ABCD, 0.001, 0, "m"));
        }
        return new DeviceProfile("level-" + n, "Bench", "level", 8, 500, points, List.of(7, 16), 8);
    }

    /**
     * The fewest block reads that cover a profile's points, by dynamic programming over the points in address
     * order: a block is a run of consecutive points whose registers (bits) fit the device's largest block (2000
     * for bits), contain none of its holes (registers only) and, when {@code honourMaxGap}, bridge no more unused
     * registers at once than the profile's maxGap.
     */
    static int minimumTransactions(DeviceProfile profile, boolean honourMaxGap) {
        int total = 0;
        for (int function = 1; function <= 4; function++) {
            int f = function;
            List<Point> points = profile.points().stream().filter(p -> p.function() == f)
                    .sorted(Comparator.comparingInt(Point::address)).toList();
            boolean bits = function <= 2;
            int limit = bits ? DeviceProfile.MODBUS_MAX_BITS : profile.maxBlockRegisters();
            TreeSet<Integer> holes = bits ? new TreeSet<>() : new TreeSet<>(profile.holes());
            int n = points.size();
            int[] best = new int[n + 1];
            for (int i = 1; i <= n; i++) {
                best[i] = Integer.MAX_VALUE;
                for (int j = i - 1; j >= 0; j--) {
                    if (fits(points.subList(j, i), limit, holes, honourMaxGap ? profile.maxGap() : Integer.MAX_VALUE)
                            && best[j] != Integer.MAX_VALUE) {
                        best[i] = Math.min(best[i], best[j] + 1);
                    }
                }
            }
            total += best[n];
        }
        return total;
    }

    private static boolean fits(List<Point> run, int limit, TreeSet<Integer> holes, int maxGap) {
        int start = run.get(0).address();
        int end = run.stream().mapToInt(Point::end).max().orElseThrow();
        if (end - start > limit) {
            return false;
        }
        Integer hole = holes.ceiling(start);
        if (hole != null && hole < end) {
            return false;
        }
        int reached = run.get(0).end();
        for (Point p : run.subList(1, run.size())) {
            if (p.address() - reached > maxGap) {
                return false;
            }
            reached = Math.max(reached, p.end());
        }
        return true;
    }

    /** Registers a slave must have for every profile of the site. */
    static int registersNeeded(DeviceProfile profile) {
        return profile.points().stream().filter(p -> !p.type().isBit()).mapToInt(Point::end).max().orElse(0) + 8;
    }

    static Set<Integer> holes(DeviceProfile profile) {
        return Set.copyOf(profile.holes());
    }

    static int channels(List<DeviceProfile> profiles) {
        return profiles.stream().mapToInt(p -> p.points().size()).sum();
    }
}
