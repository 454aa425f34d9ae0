package io.weir.gpio.internal;

import java.time.Duration;

/** Runs work later on the bundle's own thread, never on the GPIO provider's. Injected so tests never sleep. */
interface Later {

    /** A scheduled task; cancelling one that has run already does nothing. */
    interface Task {
        void cancel();
    }

    Task after(Duration delay, Runnable task);

    default void now(Runnable task) {
        after(Duration.ZERO, task);
    }
}
