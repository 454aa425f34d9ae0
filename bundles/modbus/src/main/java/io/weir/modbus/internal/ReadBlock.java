package io.weir.modbus.internal;

import java.util.List;

import io.weir.api.profile.Point;

/**
 * One read request: {@code count} registers from {@code address} with one function code, and the points those
 * registers hold.
 *
 * @param function 3 (holding registers) or 4 (input registers)
 * @param address  zero-based address of the first register
 * @param count    number of registers, at most the profile's largest block
 * @param points   the points inside the block, in address order
 */
record ReadBlock(int function, int address, int count, List<Point> points) {

    ReadBlock {
        points = List.copyOf(points);
        if (count < 1) {
            throw new IllegalArgumentException("a block reads at least one register, not " + count);
        }
    }

    /** Address of the register after the block's last one. */
    int end() {
        return address + count;
    }

    @Override
    public String toString() {
        return "function " + function + " registers " + address + ".." + (end() - 1);
    }
}
