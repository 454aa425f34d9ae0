package io.weir.cloud.internal.cases;

import io.weir.cloud.CaseClass;
import io.weir.cloud.CaseMapping;
import io.weir.cloud.internal.protocol.AlarmEvent;
import io.weir.cloud.internal.protocol.AlarmLevel;
import io.weir.cloud.internal.protocol.Site;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * Maps an alarm event to the case the county platform should open: FAULT to a component case, any other level to an
 * event case; RED and ORANGE are urgent. Title and description are written for the dispatcher who reads them.
 */
public final class CaseRequestFactory {
    static final String SOURCE = "weir";

    private final CaseMapping mapping;

    public CaseRequestFactory(CaseMapping mapping) {
        this.mapping = mapping;
    }

    public CaseRequestBody create(AlarmEvent event) {
        CaseMapping.Resolved resolved = mapping.resolve(event.ruleId(), event.level().name());
        CaseClass caseClass = resolved.caseClass();
        Site site = event.site();
        return new CaseRequestBody(1, event.alarmId(), caseClass.caseType(), caseClass.largeClass(),
                caseClass.smallClass(), title(event), description(event), SOURCE, resolved.urgency(),
                site.longitude(), site.latitude(), address(site), caseClass.department(),
                caseClass.timeLimitHours(), event.ts().toString());
    }

    /** A request that follows an opened case up: its step orders it after others of the same alarm event. */
    public record FollowUp(int step, String kind, java.util.Map<String, Object> body) {
        public static final String UPDATE = "UPDATE";
        public static final String NOTE = "NOTE";
        public static final String CLOSE = "CLOSE";
    }

    /**
     * What an event that did not open the case asks of it: an escalation or de-escalation updates it; clearing adds
     * a recovery note and, where the mapping says so, asks for closure. Idempotency keys are
     * {@code alarmId#alarmSeq/KIND}.
     */
    public java.util.List<FollowUp> followUps(AlarmEvent event) {
        String key = event.alarmId() + "#" + event.alarmSeq() + "/";
        CaseMapping.Resolved resolved = mapping.resolve(event.ruleId(), event.level().name());
        return switch (event.transition()) {
            case ESCALATED, DEESCALATED -> java.util.List.of(new FollowUp(0, FollowUp.UPDATE, ordered(
                    "v", 1, "idempotencyKey", key + FollowUp.UPDATE, "title", title(event),
                    "description", description(event), "urgency", resolved.urgency(),
                    "updatedAt", event.ts().toString())));
            case CLEARED -> {
                java.util.List<FollowUp> steps = new java.util.ArrayList<>();
                steps.add(new FollowUp(1, FollowUp.NOTE, ordered("v", 1, "idempotencyKey", key + FollowUp.NOTE,
                        "note", "Recovered: " + description(event), "notedAt", event.ts().toString())));
                if (resolved.requestCloseOnClear()) {
                    steps.add(new FollowUp(2, FollowUp.CLOSE, ordered("v", 1, "idempotencyKey", key + FollowUp.CLOSE,
                            "reason", "alarm " + event.alarmId() + " cleared at " + event.ts(),
                            "requestedAt", event.ts().toString())));
                }
                yield steps;
            }
            case RAISED, ACKNOWLEDGED -> java.util.List.of();
        };
    }

    private static java.util.Map<String, Object> ordered(Object... keyValues) {
        java.util.Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    static String urgency(AlarmLevel level) {
        return level == AlarmLevel.RED || level == AlarmLevel.ORANGE ? "URGENT" : "NORMAL";
    }

    /** "River level YELLOW at Yuxi River Station". */
    private static String title(AlarmEvent event) {
        return readable(event.ruleId()) + " " + event.level() + " at " + event.site().name();
    }

    /**
     * "water_level 3.52 reached threshold 3.5 (YELLOW) at Yuxi River Station (62001200); rule river-level,
     * channel 62001200/radar-1/water_level, RAISED at 2026-11-21T08:00:00Z".
     */
    private static String description(AlarmEvent event) {
        StringBuilder text = new StringBuilder(point(event.channels().get(0)));
        if (event.value() != null) {
            text.append(' ').append(format(event.value()));
        }
        if (event.threshold() != null) {
            text.append(" reached threshold ").append(format(event.threshold()));
        }
        if (event.window() != null) {
            text.append(" over ").append(event.window());
        }
        text.append(" (").append(event.level()).append(") at ").append(address(event.site()))
                .append("; rule ").append(event.ruleId())
                .append(event.channels().size() == 1 ? ", channel " : ", channels ")
                .append(String.join(", ", event.channels()))
                .append(", ").append(event.transition()).append(" at ").append(event.ts());
        return text.toString();
    }

    private static String address(Site site) {
        return site.name() + " (" + site.stationCode() + ")";
    }

    /** The point name: the last level of site/device/channel. */
    private static String point(String channel) {
        return channel.substring(channel.lastIndexOf('/') + 1);
    }

    private static String readable(String ruleId) {
        String words = ruleId.replace('-', ' ').replace('_', ' ').trim();
        return words.isEmpty() ? ruleId : words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
    }

    private static String format(Object value) {
        if (value instanceof Double d && Double.isFinite(d)) {
            return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        return String.valueOf(value);
    }
}
