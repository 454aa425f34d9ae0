package io.weir.sl651.internal;

/**
 * What one element identifier of SL 651-2014 (appendix C) means to the gateway.
 *
 * @param id       the identifier byte (0xFFnn for an extended one)
 * @param mnemonic the identifier's letters, as the ASCII encoding writes it
 * @param name     the standard's name for it
 * @param channel  the point name its readings get, e.g. {@code water_level}
 * @param unit     engineering unit of the readings
 * @param kind     how its data is laid out and what its readings mean
 */
record ElementSpec(int id, String mnemonic, String name, String channel, String unit, Kind kind) {

    enum Kind {
        /** One BCD number with the decimals its data definition byte gives; one reading at the observation time. */
        VALUE,
        /** One BCD number: the rain of the 5 minutes ending at the observation time (an increment). */
        RAIN_INTERVAL,
        /** Twelve HEX bytes, 0.1 mm each (FF: none): the rain of each 5 minutes of the hour (increments). */
        RAIN_SERIES,
        /** Twelve HEX 16-bit words, 0.01 m each (FFFF: none): a relative water level every 5 minutes. */
        LEVEL_SERIES,
        /** The time step of the series that follow (DDHHmm, BCD): read, not a reading. */
        TIME_STEP,
        /** Station status and alarm bits (4 bytes HEX): one reading of the raw 32 bits. */
        STATUS
    }

    boolean rainIncrement() {
        return kind == Kind.RAIN_INTERVAL || kind == Kind.RAIN_SERIES;
    }
}
