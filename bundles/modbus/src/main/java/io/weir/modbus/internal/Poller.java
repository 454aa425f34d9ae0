package io.weir.modbus.internal;

/** Produces one batch of readings for a device each time it is asked. Called from one thread at a time. */
interface Poller {
    PollResult poll();
}
