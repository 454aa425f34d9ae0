package io.weir.cloud.internal.protocol;

/**
 * A gateway's reply to a command (docs/protocol.md "Commands and replies"). Not numbered: the adapter's use of
 * replies is idempotent. {@code resultJson} is null when {@code ok} is false, {@code error} null when it is true.
 */
public record CommandReply(String gatewayId, String requestId, String command, boolean ok, String error,
                           String resultJson) implements InboundMessage {
}
