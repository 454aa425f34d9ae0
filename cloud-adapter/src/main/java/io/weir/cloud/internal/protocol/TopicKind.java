package io.weir.cloud.internal.protocol;

/** The gateway-to-cloud topics the adapter ingests: weir/v1/{gatewayId}/{kind}. */
public enum TopicKind {
    STATE("state"),
    TELEMETRY("telemetry"),
    ALARM("alarm");

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
        return Topic.PREFIX + "+/" + level;
    }
}
