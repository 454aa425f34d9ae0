package io.weir.modbus.internal;

/** The names the Modbus application protocol specification (V1.1b3, section 7) gives its exception codes. */
final class ExceptionCodes {

    private ExceptionCodes() {
    }

    static String name(int code) {
        return switch (code) {
            case 1 -> "ILLEGAL_FUNCTION";
            case 2 -> "ILLEGAL_DATA_ADDRESS";
            case 3 -> "ILLEGAL_DATA_VALUE";
            case 4 -> "SERVER_DEVICE_FAILURE";
            case 5 -> "ACKNOWLEDGE";
            case 6 -> "SERVER_DEVICE_BUSY";
            case 8 -> "MEMORY_PARITY_ERROR";
            case 10 -> "GATEWAY_PATH_UNAVAILABLE";
            case 11 -> "GATEWAY_TARGET_DEVICE_FAILED_TO_RESPOND";
            default -> "EXCEPTION_" + code;
        };
    }
}
