package io.weir.api;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard service: every registered listener receives every batch of readings an acquisition bundle produces.
 * A listener that persists readings (the store) returns only when they are durable, so the producer knows a
 * batch was kept before it polls again.
 *
 * <p>A listener registered with {@link #READINGS}{@code =}{@link #REPORTED} receives only the readings that are
 * reported upstream: a producer whose points report by exception (a deadband, a heartbeat) leaves out the readings
 * that did not change enough, and gives it no call when a batch holds none. Every other listener (rules, the
 * console) receives every reading.
 */
@ConsumerType
public interface ReadingListener {

    /** Service property saying which readings the listener takes: {@link #REPORTED}, or absent for all. Since 1.5. */
    String READINGS = "weir.readings";

    /** {@link #READINGS} value of a listener that takes only the readings reported upstream. Since 1.5. */
    String REPORTED = "reported";

    void onReadings(List<Reading> readings);
}
