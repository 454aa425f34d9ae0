package io.weir.modbus.internal;

/** The outcome of one transaction: a register or bit read, or a write. */
sealed interface ReadResult {

    /** The device answered with the registers asked for (each 0..65535). */
    record Registers(int[] values) implements ReadResult {
        public Registers {
            values = values.clone();
        }

        @Override
        public int[] values() {
            return values.clone();
        }
    }

    /** The device answered with the coils or discrete inputs asked for, first bit first. */
    record Bits(boolean[] values) implements ReadResult {
        public Bits {
            values = values.clone();
        }

        @Override
        public boolean[] values() {
            return values.clone();
        }
    }

    /** The device acknowledged a write (function 05, 06, 15 or 16) by echoing it. */
    record Written() implements ReadResult {
    }

    /** No usable answer: the link is down, the device is silent, or the answer was garbled. */
    record CommFailure(Kind kind, String detail) implements ReadResult {
        enum Kind {
            /** Connected (or connecting) but no answer in time. */
            TIMEOUT,
            /** Refused, reset, unreachable or truncated. */
            IO,
            /** An answer arrived but its CRC (RTU) or its framing was wrong: noise, a collision, wrong line settings. */
            FRAMING
        }
    }

    /** The device answered with a Modbus exception response. */
    record DeviceException(int code) implements ReadResult {
        static final int ILLEGAL_FUNCTION = 1;
        static final int ILLEGAL_DATA_ADDRESS = 2;
        static final int ILLEGAL_DATA_VALUE = 3;

        /**
         * The device refused the registers asked for: some register in the range does not exist (02), or the
         * request as a whole is more than it will answer (03, from devices with a smaller largest block).
         * Reading fewer registers at a time finds out which.
         */
        boolean isRefusedRange() {
            return code == ILLEGAL_DATA_ADDRESS || code == ILLEGAL_DATA_VALUE;
        }

        /** The code as the Modbus specification names it, e.g. {@code ILLEGAL_DATA_ADDRESS}. */
        String name() {
            return ExceptionCodes.name(code);
        }

        /**
         * True when the request itself is at fault (function not supported, a register the device does not have,
         * a count it refuses): reading the same block again will not help, the profile must change.
         */
        boolean isConfigurationProblem() {
            return code == ILLEGAL_FUNCTION || code == ILLEGAL_DATA_ADDRESS || code == ILLEGAL_DATA_VALUE;
        }
    }
}
