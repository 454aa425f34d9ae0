package io.weir.cloud.internal.cases;

import io.weir.cloud.DeliveryOptions;
import io.weir.cloud.internal.store.CaseFollowUpTable;
import io.weir.cloud.internal.store.CaseOutboxTable;
import io.weir.cloud.internal.store.OutboxRow;
import io.weir.cloud.internal.store.Transactor;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import io.weir.metrics.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends due outbox rows to the county platform on the injected scheduler: at every poll, and at once when ingest
 * queues a new case. Each row is claimed with a lease before its request, so several adapter instances over one
 * database do not send the same row at the same time (and the idempotency key covers the rest). Transient failures
 * are retried with {@link Backoff}; a refusal is kept as FAILED with its reason.
 */
public final class OutboxWorker {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxWorker.class);

    private final Transactor transactor;
    private final CaseOutboxTable outbox;
    private final CountyClient county;
    private final Backoff backoff;
    private final Clock clock;
    private final ScheduledExecutorService executor;
    private final DeliveryOptions options;
    private final CaseFollowUpTable followUps;
    private final CircuitBreaker breaker;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile boolean stopped;
    private volatile ScheduledFuture<?> polling;
    /** From an alarm's case request being queued to the platform opening the case. */
    private final Histogram caseLatency = new Histogram(Histogram.SECONDS);
    private final AtomicLong retries = new AtomicLong();
    private volatile Instant lastPass;

    public OutboxWorker(Transactor transactor, CaseOutboxTable outbox, CountyClient county, Backoff backoff,
                        Clock clock, ScheduledExecutorService executor, DeliveryOptions options) {
        this(transactor, outbox, new CaseFollowUpTable(), county, backoff,
                new CircuitBreaker(Integer.MAX_VALUE, Duration.ZERO, clock), clock, executor, options);
    }

    public OutboxWorker(Transactor transactor, CaseOutboxTable outbox, CaseFollowUpTable followUps,
                        CountyClient county, Backoff backoff, CircuitBreaker breaker, Clock clock,
                        ScheduledExecutorService executor, DeliveryOptions options) {
        this.followUps = followUps;
        this.breaker = breaker;
        this.transactor = transactor;
        this.outbox = outbox;
        this.county = county;
        this.backoff = backoff;
        this.clock = clock;
        this.executor = executor;
        this.options = options;
    }

    public void start() {
        long poll = options.pollInterval().toMillis();
        polling = executor.scheduleWithFixedDelay(this::drainSafely, 0, poll, TimeUnit.MILLISECONDS);
    }

    /** Asks for a drain now, e.g. after a new case was queued. */
    public void wakeUp() {
        if (stopped) {
            return;
        }
        try {
            executor.execute(this::drainSafely);
        } catch (RejectedExecutionException e) {
            LOG.debug("Outbox wake-up after executor shutdown ignored");
        }
    }

    /** Stops polling; an attempt in progress finishes. */
    public void stop() {
        stopped = true;
        ScheduledFuture<?> future = polling;
        if (future != null) {
            future.cancel(false);
        }
    }

    void drainSafely() {
        if (!draining.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        try {
            do {
                again.set(false);
                drain();
            } while (again.get() && !stopped);
        } catch (RuntimeException e) {
            LOG.error("Case outbox pass failed; retrying at the next poll", e);
        } finally {
            lastPass = clock.instant();
            draining.set(false);
        }
    }

    /** When the last pass ended (null before the first): the worker is alive while this keeps moving. */
    public Instant lastPass() {
        return lastPass;
    }

    public Histogram.Snapshot caseLatency() {
        return caseLatency.snapshot();
    }

    /** Case requests and follow-ups that failed transiently and were put back for a retry. */
    public long retries() {
        return retries.get();
    }

    /**
     * Sends every case request due now, then every follow-up due now, each at most once per pass; stops early while
     * the circuit breaker is open. Returns the number of rows taken up.
     */
    public int drain() {
        int opened = drainOpenings();
        return opened + drainFollowUps();
    }

    private int drainFollowUps() {
        Instant started = clock.instant();
        // follow-ups queued after their case was refused (a CLEARED arriving later): checked by a read first, so
        // the pass takes no write lock in the usual case
        int orphaned = transactor.read(followUps::hasOrphans)
                ? transactor.write(c -> followUps.failOrphans(c, started)) : 0;
        if (orphaned > 0) {
            LOG.error("{} follow-up(s) of cases the platform refused to open will never be sent; marked FAILED",
                    orphaned);
        }
        Set<String> attempted = new HashSet<>();
        while (!stopped) {
            Instant now = clock.instant();
            List<CaseFollowUpTable.Row> due = transactor.read(c -> followUps.due(c, now, options.batchSize()));
            boolean fresh = false;
            for (CaseFollowUpTable.Row row : due) {
                if (stopped || !breaker.allowRequest()) {
                    return attempted.size();
                }
                if (attempted.add(row.alarmId() + "#" + row.alarmSeq() + "/" + row.step())) {
                    fresh = true;
                    attempt(row);
                }
            }
            if (!fresh || due.size() < options.batchSize()) {
                break;
            }
        }
        return attempted.size();
    }

    private void attempt(CaseFollowUpTable.Row row) {
        Instant leaseUntil = clock.instant().plus(options.requestTimeout().multipliedBy(2));
        if (!transactor.write(c -> followUps.claim(c, row, leaseUntil))) {
            breaker.release();
            return;
        }
        if (row.kind().equals(CaseRequestFactory.FollowUp.UPDATE) && transactor.read(c -> followUps.overtaken(c, row))) {
            breaker.onSuccess();
            transactor.write(c -> {
                followUps.finish(c, row, "SKIPPED", "overtaken by a later follow-up", clock.instant());
                return null;
            });
            return;
        }
        SendResult result = county.followUp(row.caseId(), row.kind(), row.requestJson().getBytes(StandardCharsets.UTF_8));
        Instant done = clock.instant();
        if (result instanceof SendResult.Retry retry) {
            retries.incrementAndGet();
            breaker.onFailure();
            Duration delay = backoff.delayAfter(row.attempts() + 1, retry.retryAfter());
            transactor.write(c -> {
                followUps.retry(c, row, done.plus(delay), retry.reason());
                return null;
            });
            LOG.warn("{} of case {} (alarm {}) not delivered: {}; next attempt in {} ms", row.kind(), row.caseId(),
                    row.alarmId(), retry.reason(), delay.toMillis());
            return;
        }
        breaker.onSuccess();
        String status = result instanceof SendResult.Opened ? "SENT" : "FAILED";
        String error = result instanceof SendResult.Refused refused ? refused.reason() : null;
        transactor.write(c -> {
            followUps.finish(c, row, status, error, done);
            return null;
        });
        LOG.info("{} of case {} for alarm {} (event {}): {}", row.kind(), row.caseId(), row.alarmId(),
                row.alarmSeq(), status);
    }

    private int drainOpenings() {
        Set<String> attempted = new HashSet<>();
        while (!stopped) {
            Instant now = clock.instant();
            List<OutboxRow> due = transactor.read(c -> outbox.due(c, now, options.batchSize()));
            boolean fresh = false;
            for (OutboxRow row : due) {
                if (stopped || !breaker.allowRequest()) {
                    return attempted.size();
                }
                if (attempted.add(row.alarmId())) {
                    fresh = true;
                    attempt(row);
                }
            }
            if (!fresh || due.size() < options.batchSize()) {
                break;
            }
        }
        return attempted.size();
    }

    private void attempt(OutboxRow row) {
        Instant leaseUntil = clock.instant().plus(options.requestTimeout().multipliedBy(2));
        if (!transactor.write(c -> outbox.claim(c, row, leaseUntil))) {
            breaker.release();
            return;
        }
        SendResult result = county.openCase(row.requestJson().getBytes(StandardCharsets.UTF_8));
        if (result instanceof SendResult.Retry) {
            breaker.onFailure();
        } else {
            breaker.onSuccess();
        }
        Instant done = clock.instant();
        int attempts = row.attempts() + 1;
        if (result instanceof SendResult.Opened opened) {
            Instant queued = transactor.write(c -> {
                outbox.markSent(c, row.alarmId(), opened.caseId(), done);
                return outbox.createdAt(c, row.alarmId());
            });
            if (queued != null) {
                caseLatency.observe(Math.max(0, done.toEpochMilli() - queued.toEpochMilli()) / 1000.0);
            }
            LOG.info("Case {} {} for alarm {} after {} attempt(s)", opened.caseId(),
                    opened.created() ? "opened" : "already open", row.alarmId(), attempts);
        } else if (result instanceof SendResult.Retry retry) {
            retries.incrementAndGet();
            Duration delay = backoff.delayAfter(attempts, retry.retryAfter());
            Instant next = done.plus(delay);
            transactor.write(c -> {
                outbox.markRetry(c, row.alarmId(), next, retry.reason());
                return null;
            });
            LOG.warn("Case for alarm {} not delivered (attempt {}): {}; next attempt in {} ms", row.alarmId(),
                    attempts, retry.reason(), delay.toMillis());
        } else if (result instanceof SendResult.Refused refused) {
            transactor.write(c -> {
                outbox.markFailed(c, row.alarmId(), refused.reason(), done);
                // its follow-ups can never go out now: fail them in the same commit, naming the case
                followUps.failOrphans(c, done);
                return null;
            });
            LOG.error("County platform refused the case for alarm {}: {}; kept as FAILED, not retried",
                    row.alarmId(), refused.reason());
        }
    }
}
