package io.weir.cloud.internal.protocol;

import java.util.regex.Pattern;

/**
 * A parsed ingest topic: weir/v1/{gatewayId}/{state|telemetry|alarm|event}, or weir/v1/{gatewayId}/reply/{requestId}
 * ({@code requestId} is null for the others).
 */
public record Topic(String name, String gatewayId, TopicKind kind, String requestId) {

    static final String PREFIX = "weir/v1/";
    public static final Pattern GATEWAY_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    public static Topic parse(String name) throws PayloadException {
        if (!name.startsWith(PREFIX)) {
            throw new PayloadException("topic", "'" + name + "' does not start with " + PREFIX);
        }
        String[] levels = name.substring(PREFIX.length()).split("/", -1);
        boolean reply = levels.length == 3 && levels[1].equals(TopicKind.REPLY.level());
        if (levels.length != 2 && !reply) {
            throw new PayloadException("topic", "'" + name + "' is not " + PREFIX + "{gatewayId}/{kind} or "
                    + PREFIX + "{gatewayId}/reply/{requestId}");
        }
        if (!GATEWAY_ID.matcher(levels[0]).matches()) {
            throw new PayloadException("topic", "gateway id '" + levels[0] + "' does not match " + GATEWAY_ID);
        }
        if (reply) {
            if (!REQUEST_ID.matcher(levels[2]).matches()) {
                throw new PayloadException("topic", "request id '" + levels[2] + "' does not match " + REQUEST_ID);
            }
            return new Topic(name, levels[0], TopicKind.REPLY, levels[2]);
        }
        for (TopicKind kind : TopicKind.values()) {
            if (kind != TopicKind.REPLY && kind.level().equals(levels[1])) {
                return new Topic(name, levels[0], kind, null);
            }
        }
        throw new PayloadException("topic", "'" + levels[1] + "' is not a topic this adapter ingests");
    }
}
