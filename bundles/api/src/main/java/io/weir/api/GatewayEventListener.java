package io.weir.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard service: receives every {@link GatewayEvent}. The store keeps each one durably (event class, never
 * evicted by telemetry) before {@link #onEvent} returns, so an event raised while the link is down still reaches
 * the cloud.
 */
@ConsumerType
public interface GatewayEventListener {
    void onEvent(GatewayEvent event);
}
