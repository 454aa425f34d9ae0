package io.weir.api;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard service: every registered listener receives every batch of readings an acquisition bundle produces.
 * A listener that persists readings (the store) returns only when they are durable, so the producer knows a
 * batch was kept before it polls again.
 */
@ConsumerType
public interface ReadingListener {
    void onReadings(List<Reading> readings);
}
