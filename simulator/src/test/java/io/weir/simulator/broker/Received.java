package io.weir.simulator.broker;

import java.nio.charset.StandardCharsets;

/** One message as a test client saw it. */
record Received(String topic, String payload, int qos, boolean retained, boolean duplicate, int messageId) {

    static Received of(String topic, byte[] payload, int qos, boolean retained, boolean duplicate, int messageId) {
        return new Received(topic, new String(payload, StandardCharsets.UTF_8), qos, retained, duplicate, messageId);
    }
}
