package io.weir.cloud.internal.protocol;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Reads an alarm batch: lifecycle events, each with its alarm id, per-alarm sequence and site. */
final class AlarmReader {
    private AlarmReader() {
    }

    static AlarmMessage read(JsonFields root, String gatewayId) throws PayloadException {
        long seq = root.requiredLong("seq", 0);
        var sentAt = root.requiredInstant("sentAt");
        List<AlarmEvent> events = new ArrayList<>();
        for (JsonFields event : root.objects("events", 1)) {
            events.add(event(event));
        }
        return new AlarmMessage(gatewayId, seq, sentAt, List.copyOf(events));
    }

    private static AlarmEvent event(JsonFields e) throws PayloadException {
        List<String> channels = e.texts("channels", 1);
        for (int i = 0; i < channels.size(); i++) {
            if (!TelemetryReader.CHANNEL.matcher(channels.get(i)).matches() || channels.get(i).length() > 255) {
                throw new PayloadException(e.path("channels") + "[" + i + "]",
                        "'" + channels.get(i) + "' is not site/device/channel of at most 255 characters");
            }
        }
        return new AlarmEvent(
                e.requiredText("alarmId", 255),
                e.requiredText("ruleId", 255),
                channels,
                e.requiredEnum("level", AlarmLevel.class),
                e.requiredEnum("transition", AlarmTransition.class),
                e.optionalScalar("value"),
                e.optionalNumber("threshold"),
                window(e),
                e.requiredInt("alarmSeq", 1),
                e.requiredInstant("ts"),
                Site.read(e.object("site")));
    }

    private static String window(JsonFields e) throws PayloadException {
        String window = e.optionalText("window", 32);
        if (window != null) {
            try {
                Duration.parse(window);
            } catch (DateTimeParseException ex) {
                throw new PayloadException(e.path("window"), "'" + window + "' is not an ISO-8601 duration");
            }
        }
        return window;
    }
}
