package io.weir.uplink.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the cloud keeps of the received messages after dropping copies by (gatewayId, seq), in arrival order: the
 * cloud adapter's de-duplication, reduced to what the tests check.
 */
final class Delivered {

    private static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");
    private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");

    record Message(String topic, long seq, List<String> ids) {
    }

    final List<Message> messages = new ArrayList<>();
    final Map<String, Long> seqOfId = new HashMap<>();
    final List<String> duplicatedIds = new ArrayList<>();
    int copiesDropped;

    Delivered(List<Subscriber.Message> received) {
        var firstBySeq = new LinkedHashMap<Long, Message>();
        for (Subscriber.Message m : received) {
            Matcher seq = SEQ.matcher(m.payload());
            if (!seq.find()) {
                continue; // state messages
            }
            long s = Long.parseLong(seq.group(1));
            var ids = new ArrayList<String>();
            Matcher id = ID.matcher(m.payload());
            while (id.find()) {
                ids.add(id.group(1));
            }
            Message message = new Message(m.topic(), s, ids);
            Message first = firstBySeq.putIfAbsent(s, message);
            if (first != null) {
                if (!first.equals(message)) {
                    throw new AssertionError("seq " + s + " was sent with different contents: " + first + " / "
                            + message);
                }
                copiesDropped++;
                continue;
            }
            messages.add(message);
            for (String i : ids) {
                if (seqOfId.putIfAbsent(i, s) != null) {
                    duplicatedIds.add(i);
                }
            }
        }
    }

    List<String> idsOn(String topicSuffix) {
        return messages.stream().filter(m -> m.topic().endsWith(topicSuffix)).flatMap(m -> m.ids().stream()).toList();
    }
}
