package io.weir.bench.job;

import java.util.List;

/** Turns one MQTT message of a system under test into the readings it carries. */
public interface TelemetryDecoder {

    /** @return the readings; empty for a message that carries none */
    List<Reading> decode(String topic, byte[] payload);
}
