package io.weir.cloud.internal.protocol;

import java.util.regex.Pattern;

/** A parsed ingest topic: weir/v1/{gatewayId}/{state|telemetry|alarm}. */
public record Topic(String name, String gatewayId, TopicKind kind) {

    static final String PREFIX = "weir/v1/";
    static final Pattern GATEWAY_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public static Topic parse(String name) throws PayloadException {
        if (!name.startsWith(PREFIX)) {
            throw new PayloadException("topic", "'" + name + "' does not start with " + PREFIX);
        }
        String[] levels = name.substring(PREFIX.length()).split("/", -1);
        if (levels.length != 2) {
            throw new PayloadException("topic", "'" + name + "' is not " + PREFIX + "{gatewayId}/{kind}");
        }
        if (!GATEWAY_ID.matcher(levels[0]).matches()) {
            throw new PayloadException("topic", "gateway id '" + levels[0] + "' does not match " + GATEWAY_ID);
        }
        for (TopicKind kind : TopicKind.values()) {
            if (kind.level().equals(levels[1])) {
                return new Topic(name, levels[0], kind);
            }
        }
        throw new PayloadException("topic", "'" + levels[1] + "' is not a topic this adapter ingests");
    }
}
