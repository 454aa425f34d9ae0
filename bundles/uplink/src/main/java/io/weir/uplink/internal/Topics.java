package io.weir.uplink.internal;

import io.weir.api.store.MessageClass;

/** The topic tree of docs/protocol.md for one gateway. */
record Topics(String gatewayId) {

    String state() {
        return base() + "state";
    }

    String of(MessageClass cls) {
        return base() + switch (cls) {
            case ALARM -> "alarm";
            case EVENT -> "event";
            case TELEMETRY -> "telemetry";
        };
    }

    /** The filter the gateway subscribes to for commands: weir/v1/{gw}/cmd/{name}. */
    String commands() {
        return base() + "cmd/+";
    }

    /** The command name of a topic under {@link #commands()}, or null if the topic is not one. */
    String commandName(String topic) {
        String prefix = base() + "cmd/";
        return topic.startsWith(prefix) && topic.length() > prefix.length() ? topic.substring(prefix.length()) : null;
    }

    String reply(String requestId) {
        return base() + "reply/" + requestId;
    }

    private String base() {
        return "weir/v1/" + gatewayId + "/";
    }
}
