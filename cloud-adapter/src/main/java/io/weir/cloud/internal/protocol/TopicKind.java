package io.weir.cloud.internal.protocol;

/**
 * The gateway-to-cloud topics the adapter ingests: weir/v1/{gatewayId}/{kind}, and the command replies on
 * weir/v1/{gatewayId}/reply/{requestId}.
 */
public enum TopicKind {
    STATE("state"),
    TELEMETRY("telemetry"),
    ALARM("alarm"),
    EVENT("event"),
    REPLY("reply");

    private final String level;

    TopicKind(String level) {
        this.level = level;
    }

    /** The last topic level. */
    public String level() {
        return level;
    }

    /** The topic filter matching this kind for every gateway. */
    public String filter() {
        return Topic.PREFIX + "+/" + level + (this == REPLY ? "/+" : "");
    }
}
