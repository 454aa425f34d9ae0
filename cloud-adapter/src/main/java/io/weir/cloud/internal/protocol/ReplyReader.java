package io.weir.cloud.internal.protocol;

/** Reads a command reply and checks it answers the request its topic names. */
final class ReplyReader {
    private ReplyReader() {
    }

    static CommandReply read(JsonFields root, Topic topic) throws PayloadException {
        String requestId = root.requiredText("requestId", Topic.REQUEST_ID);
        if (!requestId.equals(topic.requestId())) {
            throw new PayloadException("requestId",
                    "'" + requestId + "' does not match the topic's request '" + topic.requestId() + "'");
        }
        String command = root.requiredText("command", 64);
        boolean ok = root.requiredBoolean("ok");
        if (ok) {
            return new CommandReply(topic.gatewayId(), requestId, command, true, null,
                    root.has("result") ? root.object("result").node().toString() : "{}");
        }
        return new CommandReply(topic.gatewayId(), requestId, command, false, root.requiredText("error"), null);
    }
}
