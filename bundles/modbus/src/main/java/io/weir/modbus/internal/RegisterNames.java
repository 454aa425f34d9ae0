package io.weir.modbus.internal;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Names registers in messages as the device's manual (and so its profile) numbers them, with the zero-based protocol
 * address in brackets: {@code register 4 [3]} in a one-based profile, {@code register 3 [3]} in a zero-based one.
 * A technician can copy a logged register into the profile, or look it up in the manual, without converting.
 *
 * @param first the number the manual gives protocol address 0 (0 or 1)
 */
record RegisterNames(int first) {

    static final RegisterNames ZERO_BASED = new RegisterNames(0);

    /** {@code 4 [3]} */
    String one(int address) {
        return (address + first) + " [" + address + "]";
    }

    /** {@code 4..5 [3..4]}, or one register as {@link #one}. */
    String range(int from, int to) {
        return from == to ? one(from) : (from + first) + ".." + (to + first) + " [" + from + ".." + to + "]";
    }

    /** {@code function 3 registers 4..5 [3..4]} */
    String block(ReadBlock block) {
        return "function " + block.function() + (block.isBits() ? (block.count() == 1 ? " bit " : " bits ")
                : (block.count() == 1 ? " register " : " registers ")) + range(block.address(), block.end() - 1);
    }

    /** {@code 3 [2], 9 [8]} */
    String list(List<Integer> addresses) {
        return addresses.stream().map(this::one).collect(Collectors.joining(", "));
    }
}
