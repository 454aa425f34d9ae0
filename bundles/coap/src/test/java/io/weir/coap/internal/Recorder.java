package io.weir.coap.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import io.weir.api.GatewayEvent;
import io.weir.api.GatewayEventListener;
import io.weir.api.Reading;
import io.weir.api.ReadingListener;

/** Stands in for the store: records every batch and event; can be told to fail, as a full disk would. */
final class Recorder implements ReadingListener, GatewayEventListener {

    final List<List<Reading>> batches = new CopyOnWriteArrayList<>();
    final List<GatewayEvent> events = new CopyOnWriteArrayList<>();
    final AtomicBoolean failing = new AtomicBoolean();

    @Override
    public void onReadings(List<Reading> readings) {
        if (failing.get()) {
            throw new IllegalStateException("disk full (test)");
        }
        batches.add(List.copyOf(readings));
    }

    @Override
    public void onEvent(GatewayEvent event) {
        events.add(event);
    }

    List<Reading> readings() {
        return batches.stream().flatMap(List::stream).toList();
    }

    List<Reading> of(String channel) {
        return readings().stream().filter(r -> r.channel().equals(channel)).toList();
    }
}
