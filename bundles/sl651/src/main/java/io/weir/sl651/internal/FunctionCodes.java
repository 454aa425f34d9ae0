package io.weir.sl651.internal;

/** The function codes of SL 651-2014 this bundle handles (table 5 of the standard, as listed in docs/domain.md). */
final class FunctionCodes {

    static final int KEEP_ALIVE = 0x2F;
    static final int TEST = 0x30;
    static final int EVEN_PERIOD = 0x31;
    static final int TIMED = 0x32;
    static final int ADDED = 0x33;
    static final int HOURLY = 0x34;
    static final int MANUAL = 0x35;
    static final int QUERY_REALTIME = 0x37;
    static final int QUERY_PERIOD = 0x38;
    static final int QUERY_ELEMENTS = 0x3A;
    static final int SET_CLOCK = 0x4A;
    static final int QUERY_CLOCK = 0x51;

    private FunctionCodes() {
    }

    /** Reports whose elements become readings. */
    static boolean carriesObservations(int function) {
        return function >= TEST && function <= MANUAL || function == QUERY_REALTIME;
    }

    static String name(int function) {
        return switch (function) {
            case KEEP_ALIVE -> "keep-alive";
            case TEST -> "test";
            case EVEN_PERIOD -> "even-period";
            case TIMED -> "timed";
            case ADDED -> "added";
            case HOURLY -> "hourly";
            case MANUAL -> "manual";
            case QUERY_REALTIME -> "real-time";
            case QUERY_PERIOD -> "period";
            case QUERY_ELEMENTS -> "element";
            case SET_CLOCK -> "set-clock";
            case QUERY_CLOCK -> "query-clock";
            default -> String.format("0x%02X", function);
        };
    }
}
