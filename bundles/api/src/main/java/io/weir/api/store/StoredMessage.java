package io.weir.api.store;

import java.util.List;

/**
 * A numbered message ready to publish.
 *
 * @param seq          the gateway's monotonic message sequence; unchanged if the message is handed out again
 * @param messageClass what the records are
 * @param records      each record as the JSON object docs/protocol.md defines for it (a reading or an alarm event)
 */
public record StoredMessage(long seq, MessageClass messageClass, List<String> records) {
    public StoredMessage {
        records = List.copyOf(records);
        if (records.isEmpty()) {
            throw new IllegalArgumentException("message " + seq + " has no records");
        }
    }
}
