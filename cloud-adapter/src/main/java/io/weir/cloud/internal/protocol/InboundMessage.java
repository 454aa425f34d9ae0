package io.weir.cloud.internal.protocol;

/** A payload that passed validation, one type per ingest topic. */
public sealed interface InboundMessage permits StateMessage, TelemetryMessage, AlarmMessage, EventMessage,
        CommandReply {
    String gatewayId();
}
