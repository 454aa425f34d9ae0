package io.weir.store.internal;

import java.time.Instant;

/**
 * Writes the FAULT alarm events the store raises about itself, as the protocol's alarm JSON. The store knows
 * sizes; the site and the gateway id are the component's to add.
 */
interface CapacityAlarms {

    /** Writes nothing: the store only logs. */
    CapacityAlarms NONE = (raised, occurrence, used, cap, ts) -> null;

    /**
     * @param raised     true for the RAISED event, false for the CLEARED one
     * @param occurrence counts the alarm's occurrences over the life of the store file, from 1
     * @return the alarm event's JSON, or null to store nothing
     */
    String body(boolean raised, long occurrence, long usedBytes, long capBytes, Instant ts);
}
