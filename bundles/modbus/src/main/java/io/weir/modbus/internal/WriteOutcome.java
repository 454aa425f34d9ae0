package io.weir.modbus.internal;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a commanded write did, as the {@code modbus-write} command answers it.
 *
 * @param device    device id
 * @param point     point name
 * @param result    one of {@link Result}'s names, e.g. {@code verified}
 * @param requested the value as asked for
 * @param written   the engineering value the registers written hold (after rounding to the register's
 *                  resolution); null when nothing was written
 * @param readBack  the engineering value read back after the write; null when not read
 * @param function  the write function code used (5, 6, 15 or 16); 0 when nothing was sent
 * @param exception the Modbus exception the device answered, e.g. {@code ILLEGAL_DATA_VALUE}; null otherwise
 * @param detail    why, in words, when the result is not {@code verified}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record WriteOutcome(String device, String point, String result, String requested, Object written, Object readBack,
                    int function, String exception, String detail) {

    /** The possible results. */
    enum Result {
        /** Written, and the registers read back are the ones written. */
        VERIFIED("verified"),
        /** Written (the device acknowledged), but the registers read back differ: see {@code readBack}. */
        READ_BACK_DIFFERS("read-back-differs"),
        /** Written (acknowledged), but the read-back got no answer: the value is probably there, not proven. */
        UNVERIFIED("written-unverified"),
        /** The device answered the write with a Modbus exception. */
        REFUSED("refused"),
        /** The device did not answer the write within its timeout. */
        TIMEOUT("timeout"),
        /** The link failed (down, reset, garbled answer). */
        COMM_ERROR("comm-error"),
        /** The profile does not allow writing the point. */
        NOT_WRITABLE("not-writable"),
        /** The value does not fit the point's data type after unscaling. */
        OUT_OF_RANGE("out-of-range");

        private final String wireName;

        Result(String wireName) {
            this.wireName = wireName;
        }

        String wireName() {
            return wireName;
        }
    }

    static WriteOutcome refusedBeforeSending(String device, String point, String requested, Result result,
                                             String detail) {
        return new WriteOutcome(device, point, result.wireName(), requested, null, null, 0, null, detail);
    }

    boolean is(Result r) {
        return result.equals(r.wireName());
    }
}
