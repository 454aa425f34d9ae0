package io.weir.cloud.internal.ingest;

import io.weir.cloud.internal.gateways.RegistryTables;
import io.weir.cloud.internal.protocol.InboundMessage;
import io.weir.cloud.internal.protocol.MessageParser;
import io.weir.cloud.internal.protocol.PayloadException;
import io.weir.cloud.internal.protocol.Topic;
import io.weir.cloud.internal.store.DeadLetterTable;
import io.weir.cloud.internal.store.StoreException;
import io.weir.cloud.internal.store.Transactor;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processes MQTT messages, a batch of them in one transaction. When this returns, every outcome (stored, duplicate
 * or rejected into the dead-letter table) is committed and the messages may be acknowledged; when it throws
 * {@link StoreException}, nothing was committed and the messages must stay unacknowledged until a retry commits
 * them. The duplicate filter's row of each message commits with the message's rows, so a redelivered copy is
 * dropped whichever batch it lands in.
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
    private final Runnable jobsMoved;
    private final Gatekeeper gatekeeper;
    private final RegistryTables registry;
    /** Unknown gateway ids already warned about in this run: one warning per id, not one per message. */
    private final Set<String> warned = ConcurrentHashMap.newKeySet();
    private static final int WARNED_MAX = 1000;

    /**
     * {@code casesQueued} runs after a commit that queued at least one case request, {@code jobsMoved} after one
     * where a gateway's report moved a deployment job.
     */
    public IngestService(Transactor transactor, MessageParser parser, MessageWriter writer,
                         DeadLetterTable deadLetters, IngestCounters counters, Clock clock, Runnable casesQueued,
                         Runnable jobsMoved, Gatekeeper gatekeeper, RegistryTables registry) {
        this.jobsMoved = jobsMoved;
        this.gatekeeper = gatekeeper;
        this.registry = registry;
        this.transactor = transactor;
        this.parser = parser;
        this.writer = writer;
        this.deadLetters = deadLetters;
        this.counters = counters;
        this.clock = clock;
        this.casesQueued = casesQueued;
    }

    /** One message as it came from the broker. */
    public record Delivery(String topic, byte[] payload) {
    }

    /** Ingests one message in its own transaction. */
    public IngestOutcome ingest(String topicName, byte[] payload) {
        return ingestAll(List.of(new Delivery(topicName, payload))).get(0);
    }

    /**
     * Ingests the messages in ONE transaction, in order, and returns their outcomes in the same order. When this
     * returns, every outcome is committed and all of them may be acknowledged; when it throws
     * {@link StoreException}, nothing was committed and none may be. A message that breaks the contract goes to the
     * dead-letter table in the same transaction; one that fails in our own code (not the database) is taken out,
     * the transaction rolled back and rerun without it, so it never costs the others their commit. A message of a
     * gateway that is not registered is quarantined unparsed, and one over the size limit is rejected unparsed.
     */
    public List<IngestOutcome> ingestAll(List<Delivery> deliveries) {
        Instant now = clock.instant();
        int n = deliveries.size();
        Gatekeeper.Verdicts verdicts;
        try {
            verdicts = gatekeeper.check(transactor, deliveries);
        } catch (StoreException e) {
            counters.countStoreFailure();
            throw e;
        }
        InboundMessage[] messages = new InboundMessage[n];
        String[] rejections = verdicts.rejections();
        boolean[] strangers = verdicts.strangers();
        for (int i = 0; i < n; i++) {
            if (rejections[i] != null || strangers[i]) {
                continue;
            }
            try {
                messages[i] = parser.parse(verdicts.topics()[i], deliveries.get(i).payload());
            } catch (PayloadException e) {
                rejections[i] = reason(e);
            }
        }
        while (true) {
            Written written;
            try {
                written = transactor.write(c -> write(c, deliveries, messages, rejections, verdicts, now));
            } catch (StoreException e) {
                counters.countStoreFailure();
                throw e;
            } catch (MessageFailure failure) {
                // Not the database: retrying cannot help, so keep the message aside rather than block the stream.
                int i = failure.index;
                LOG.error("Ingest failed unexpectedly on {}", deliveries.get(i).topic(), failure.getCause());
                messages[i] = null;
                rejections[i] = reason(new PayloadException("$", "internal error: " + failure.getCause()));
                continue;
            }
            Instant committed = clock.instant();
            for (int i = 0; i < n; i++) {
                IngestOutcome outcome = written.outcomes[i];
                counters.count(outcome);
                if (outcome == IngestOutcome.STORED) {
                    counters.lag(messages[i], committed);
                }
                if (outcome == IngestOutcome.DUPLICATE) {
                    LOG.debug("Dropped duplicate message on {}", deliveries.get(i).topic());
                } else if (outcome == IngestOutcome.REJECTED) {
                    LOG.error("Rejected message on topic {}: {} (kept in dead_letter)", deliveries.get(i).topic(),
                            rejections[i]);
                } else if (outcome == IngestOutcome.QUARANTINED) {
                    warnOnce(verdicts.topics()[i]);
                }
            }
            if (written.casesQueued > 0) {
                casesQueued.run();
            }
            if (written.jobsMoved > 0) {
                jobsMoved.run();
            }
            return List.of(written.outcomes);
        }
    }

    private record Written(IngestOutcome[] outcomes, int casesQueued, int jobsMoved) {
    }

    private Written write(Connection c, List<Delivery> deliveries, InboundMessage[] messages, String[] rejections,
                          Gatekeeper.Verdicts verdicts, Instant now) throws SQLException {
        IngestOutcome[] outcomes = new IngestOutcome[messages.length];
        int cases = 0;
        int moved = 0;
        try (MessageWriter.Batch batch = writer.batch(c, now)) {
            for (int i = 0; i < messages.length; i++) {
                if (verdicts.strangers()[i]) {
                    Delivery d = deliveries.get(i);
                    if (!registry.quarantine(c, verdicts.topics()[i].gatewayId(), d.topic(), d.payload(), now)) {
                        LOG.debug("Too many unknown gateway ids tracked; message of {} only counted", d.topic());
                    }
                    outcomes[i] = IngestOutcome.QUARANTINED;
                    continue;
                }
                if (messages[i] == null) {
                    Delivery d = deliveries.get(i);
                    deadLetters.insert(c, d.topic(), rejections[i], d.payload(), now);
                    outcomes[i] = IngestOutcome.REJECTED;
                    continue;
                }
                MessageWriter.Result result;
                try {
                    result = batch.write(messages[i]);
                } catch (RuntimeException bug) {
                    throw new MessageFailure(i, bug);
                }
                outcomes[i] = result.duplicate() ? IngestOutcome.DUPLICATE : IngestOutcome.STORED;
                cases += result.casesQueued();
                moved += result.jobsMoved();
            }
            batch.finish();
        }
        return new Written(outcomes, cases, moved);
    }

    static String reason(PayloadException e) {
        return "field " + e.field() + ": " + e.problem();
    }

    private void warnOnce(Topic topic) {
        if (warned.size() < WARNED_MAX && warned.add(topic.gatewayId())) {
            LOG.warn("Message from unregistered gateway {} on {} quarantined; it opens no case (register the gateway "
                    + "if it is ours: PUT /api/v1/ops/registry/{}). Further ones are only counted.", topic.gatewayId(),
                    topic.name(), topic.gatewayId());
        } else {
            LOG.debug("Message from unregistered gateway {} quarantined", topic.gatewayId());
        }
    }

    /** Our own code failed on message {@code index}; the transaction rolls back and reruns without it. */
    private static final class MessageFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int index;

        MessageFailure(int index, RuntimeException cause) {
            super(cause);
            this.index = index;
        }
    }
}
