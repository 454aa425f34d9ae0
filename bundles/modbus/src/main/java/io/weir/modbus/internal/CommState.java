package io.weir.modbus.internal;

/**
 * Whether a device is being read, remembered between polls so a change is reported once, not on every poll of a
 * device that stays dead.
 */
final class CommState {

    /** What a poll changed. */
    enum Change {
        NONE,
        /** The device stopped answering (or had not answered since start). */
        FAILING,
        /** The device answers (again, or for the first time). */
        OK
    }

    private Boolean ok; // null until the first poll

    Change update(PollResult result) {
        boolean nowOk = result.commOk();
        if (ok != null && ok == nowOk) {
            return Change.NONE;
        }
        ok = nowOk;
        return nowOk ? Change.OK : Change.FAILING;
    }
}
