package io.weir.cloud.internal.ingest;

import io.weir.cloud.internal.protocol.InboundMessage;
import io.weir.cloud.internal.protocol.MessageParser;
import io.weir.cloud.internal.protocol.PayloadException;
import io.weir.cloud.internal.protocol.Topic;
import io.weir.cloud.internal.store.DeadLetterTable;
import io.weir.cloud.internal.store.StoreException;
import io.weir.cloud.internal.store.Transactor;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processes one MQTT message in one transaction. When this returns, the outcome (stored, duplicate or rejected into
 * the dead-letter table) is committed and the message may be acknowledged; when it throws {@link StoreException},
 * nothing was committed and the message must stay unacknowledged until a retry commits it.
 */
public final class IngestService {
    private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);

    private final Transactor transactor;
    private final MessageParser parser;
    private final MessageWriter writer;
    private final DeadLetterTable deadLetters;
    private final IngestCounters counters;
    private final Clock clock;
    private final Runnable casesQueued;

    /** {@code casesQueued} runs after a commit that queued at least one case request. */
    public IngestService(Transactor transactor, MessageParser parser, MessageWriter writer,
                         DeadLetterTable deadLetters, IngestCounters counters, Clock clock, Runnable casesQueued) {
        this.transactor = transactor;
        this.parser = parser;
        this.writer = writer;
        this.deadLetters = deadLetters;
        this.counters = counters;
        this.clock = clock;
        this.casesQueued = casesQueued;
    }

    public IngestOutcome ingest(String topicName, byte[] payload) {
        Instant now = clock.instant();
        InboundMessage message;
        try {
            message = parser.parse(Topic.parse(topicName), payload);
        } catch (PayloadException e) {
            return reject(topicName, payload, e, now);
        }
        MessageWriter.Result result;
        try {
            result = transactor.write(c -> writer.write(c, message, now));
        } catch (StoreException e) {
            counters.countStoreFailure();
            throw e;
        } catch (RuntimeException bug) {
            // Not the database: retrying cannot help, so keep the message aside rather than block the stream.
            LOG.error("Ingest failed unexpectedly on {}", topicName, bug);
            return reject(topicName, payload, new PayloadException("$", "internal error: " + bug), now);
        }
        IngestOutcome outcome = result.duplicate() ? IngestOutcome.DUPLICATE : IngestOutcome.STORED;
        counters.count(outcome);
        if (result.duplicate()) {
            LOG.debug("Dropped duplicate message on {}", topicName);
        }
        if (result.casesQueued() > 0) {
            casesQueued.run();
        }
        return outcome;
    }

    private IngestOutcome reject(String topicName, byte[] payload, PayloadException e, Instant now) {
        String reason = "field " + e.field() + ": " + e.problem();
        try {
            transactor.write(c -> {
                deadLetters.insert(c, topicName, reason, payload, now);
                return null;
            });
        } catch (StoreException storeFailure) {
            counters.countStoreFailure();
            throw storeFailure;
        }
        counters.count(IngestOutcome.REJECTED);
        LOG.error("Rejected message on topic {}: {} (kept in dead_letter)", topicName, reason);
        return IngestOutcome.REJECTED;
    }
}
