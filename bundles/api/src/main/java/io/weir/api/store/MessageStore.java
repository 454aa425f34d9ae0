package io.weir.api.store;

import java.util.Collection;
import java.util.Optional;
import java.util.function.Consumer;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The drain side of the outbox, used by the uplink. Appends arrive through the
 * {@link io.weir.api.ReadingListener} and {@link io.weir.api.AlarmListener} whiteboards.
 */
@ProviderType
public interface MessageStore {

    /**
     * Hands out the next message to publish: first a message released or left in flight by an earlier run (same
     * sequence, same records), then a new message formed from stored records, alarms before telemetry, oldest
     * first, at most {@code maxRecords} records. A new message is durably IN_FLIGHT before this returns.
     *
     * @return empty when there is nothing to send
     */
    Optional<StoredMessage> take(int maxRecords);

    /**
     * As {@link #take(int)}, and the records of a new message add up to at most {@code maxRecordBytes} bytes of
     * UTF-8 (a single record larger than that still goes, alone), so a message stays under a broker's size limit.
     * A message handed out again keeps the records it was formed with. The default ignores the byte limit; the
     * gateway's store honours it.
     */
    default Optional<StoredMessage> take(int maxRecords, int maxRecordBytes) {
        return take(maxRecords);
    }

    /** The broker acknowledged the message: its records are removed. Unknown sequences are ignored. */
    void confirm(long seq);

    /**
     * The broker acknowledged these messages: as {@link #confirm(long)} for each, in one durable step, so an uplink
     * that gathers acknowledgements pays one commit for several. The default confirms them one by one.
     *
     * @since 1.4
     */
    default void confirm(Collection<Long> seqs) {
        seqs.forEach(this::confirm);
    }

    /** The message was not acknowledged (connection lost): hand it out again later, unchanged. */
    void release(long seq);

    StoreStats stats();

    /**
     * Tells {@code listener} of every append once its records are durable, with their class, on the appending
     * thread: an uplink that waits for work can take an alarm, or the first reading after it connected, at once
     * instead of at its next look. The listener must return quickly and must not call the store. The default never
     * calls it (the uplink then finds new records when it next looks).
     *
     * @return closing it stops the calls
     * @since 1.5
     */
    default Subscription onAppended(Consumer<MessageClass> listener) {
        return () -> {
        };
    }

    /** A listener's registration; closing it twice is harmless. */
    @FunctionalInterface
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
