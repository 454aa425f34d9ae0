package io.weir.uplink.internal;

import java.util.function.Consumer;

/** What the drainer needs of an MQTT connection. */
interface Publisher {

    boolean isConnected();

    /**
     * Publishes at QoS 1, not retained. {@code done} is called once: with {@code null} when the broker acknowledged
     * (PUBACK), with the failure otherwise. May also fail at once by throwing.
     */
    void publish(String topic, byte[] payload, Consumer<Throwable> done) throws Exception;
}
