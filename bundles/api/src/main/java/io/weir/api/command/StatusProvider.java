package io.weir.api.command;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard service: a part of the gateway's state that operators should see, such as Modbus diagnostics. The
 * uplink puts every provider's status into the retained state message under the service property
 * {@value #NAME} and refreshes it periodically; the local console shows the same.
 */
@ConsumerType
public interface StatusProvider {

    /** Service property naming this part of the state, for example {@code modbus}. */
    String NAME = "weir.status.name";

    /** The current status as one JSON value (its text); cheap to call, never blocks on I/O. */
    String statusJson();
}
