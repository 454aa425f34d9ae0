package io.weir.sl651.internal;

import java.util.Objects;

/**
 * A station the centre takes reports from, as the site file registers it.
 *
 * @param code     the 10-digit station address
 * @param password the password its frames must carry, 0..0xFFFF
 */
record Station(String code, int password) {

    Station {
        if (!Frame.STATION.matcher(Objects.requireNonNull(code, "code")).matches()) {
            throw new IllegalArgumentException("station code '" + code + "' is not 10 digits");
        }
        if (password < 0 || password > 0xFFFF) {
            throw new IllegalArgumentException("station " + code + ": password is not 4 hexadecimal digits");
        }
    }

    @Override
    public String toString() {
        return "station " + code; // never the password
    }
}
