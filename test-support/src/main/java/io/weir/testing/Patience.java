package io.weir.testing;

import java.time.Duration;

/**
 * How long a test waits for what happens on another thread or in another process before it fails. These are
 * bounds on failure, sized for a build machine with two cores shared by several builds, never a duration a test
 * asserts: a wait that succeeds returns as soon as its condition holds.
 */
public final class Patience {

    /** Threads and loopback sockets of the test's own JVM. */
    public static final Duration LOCAL = Duration.ofSeconds(30);

    /** Another process: a broker, a gateway or a database server, which may have a JVM to start first. */
    public static final Duration CHILD_PROCESS = Duration.ofSeconds(60);

    private Patience() {
    }
}
