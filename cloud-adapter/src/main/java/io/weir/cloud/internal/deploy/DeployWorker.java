package io.weir.cloud.internal.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.weir.cloud.DeployOptions;
import io.weir.cloud.deploy.JobState;
import io.weir.cloud.deploy.JobStatus;
import io.weir.cloud.deploy.RolloutState;
import io.weir.cloud.deploy.RolloutStatus;
import io.weir.cloud.internal.store.Transactor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives deployment jobs on the injected scheduler, at every poll and at once when a rollout starts or a gateway
 * reports: sends the due commands of running rollouts (claimed with a lease, so one instance sends each), times out
 * gateways that stay silent, and moves rollouts on wave by wave ({@link WaveVerdict}: a wave over and above its
 * success threshold starts the next, after the soak time; one that can no longer reach it halts the rollout; the
 * last one over finishes it). Every step is a conditional update, so several adapter instances over one database
 * take each step once.
 */
public final class DeployWorker {
    private static final Logger LOG = LoggerFactory.getLogger(DeployWorker.class);
    private static final int BATCH = 50;
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Duration LONGEST_RETRY = Duration.ofMinutes(1);

    /** Publishes a command to a gateway and waits for the broker to take it. */
    @FunctionalInterface
    public interface CommandPublisher {
        void publish(String gatewayId, String command, byte[] payload) throws Exception;
    }

    private final Transactor transactor;
    private final CommandPublisher publisher;
    private final ObjectMapper json;
    private final Clock clock;
    private final ScheduledExecutorService executor;
    private final DeployOptions options;
    private final JobTable jobs = new JobTable();
    private final RolloutTable rollouts = new RolloutTable();
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile boolean stopped;
    private volatile ScheduledFuture<?> polling;

    public DeployWorker(Transactor transactor, CommandPublisher publisher, ObjectMapper json, Clock clock,
                        ScheduledExecutorService executor, DeployOptions options) {
        this.transactor = transactor;
        this.publisher = publisher;
        this.json = json;
        this.clock = clock;
        this.executor = executor;
        this.options = options;
    }

    public void start() {
        long poll = options.pollInterval().toMillis();
        polling = executor.scheduleWithFixedDelay(this::passSafely, poll, poll, TimeUnit.MILLISECONDS);
    }

    /** Asks for a pass now (a rollout started, a gateway reported). */
    public void wakeUp() {
        if (stopped) {
            return;
        }
        try {
            executor.execute(this::passSafely);
        } catch (RejectedExecutionException e) {
            LOG.debug("Deploy wake-up after shutdown ignored");
        }
    }

    public void stop() {
        stopped = true;
        ScheduledFuture<?> future = polling;
        if (future != null) {
            future.cancel(false);
        }
    }

    private void passSafely() {
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        try {
            do {
                again.set(false);
                pass();
            } while (again.get() && !stopped);
        } catch (RuntimeException e) {
            LOG.error("Deployment pass failed; retrying at the next poll", e);
        } finally {
            running.set(false);
        }
    }

    /** One pass: time-outs, rollout progress (which may release jobs), then the commands due. */
    public void pass() {
        timeOuts();
        advanceRollouts();
        sendDue();
    }

    private void timeOuts() {
        Instant now = clock.instant();
        for (JobTable.Overdue overdue : transactor.read(c -> jobs.overdue(c, now))) {
            JobStatus job = overdue.job();
            String detail = job.lastReportAt() != null
                    ? "no report from the gateway since " + job.lastReportAt() + " (last state " + job.state() + ")"
                    : "no report from the gateway since the command was first sent at " + overdue.firstSentAt()
                    + " (sent " + job.attempts() + " time" + (job.attempts() == 1 ? "" : "s") + ")";
            if (transactor.write(c -> jobs.timeOut(c, job, detail, now))) {
                LOG.warn("Deployment job {} on {} timed out: {}", job.jobId(), job.gatewayId(), detail);
            }
        }
    }

    private void advanceRollouts() {
        List<RolloutTable.Running> running = transactor.read(rollouts::running);
        if (running.isEmpty()) {
            return;
        }
        Map<String, List<JobStatus>> byRollout = new LinkedHashMap<>();
        for (JobStatus job : transactor.read(jobs::ofRunningRollouts)) {
            if (job.supersededBy() == null) {
                byRollout.computeIfAbsent(job.rolloutId(), k -> new ArrayList<>()).add(job);
            }
        }
        for (RolloutTable.Running r : running) {
            List<JobStatus> its = byRollout.getOrDefault(r.rollout().rolloutId(), List.of());
            transactor.write(c -> {
                advance(c, r, its);
                return null;
            });
        }
    }

    /** Judges a running rollout's current wave and takes the step it calls for, if another instance has not. */
    private void advance(java.sql.Connection c, RolloutTable.Running running, List<JobStatus> its)
            throws java.sql.SQLException {
        Instant now = clock.instant();
        RolloutStatus rollout = running.rollout();
        String id = rollout.rolloutId();
        int wave = rollout.currentWave();
        if (rollout.state() == RolloutState.SOAKING) {
            if (!now.isBefore(rollout.nextWaveAt())) {
                startWave(c, rollout, RolloutState.SOAKING, now);
            }
            return;
        }
        WaveVerdict verdict = WaveVerdict.judge(rollout, its, running.waivedWave());
        switch (verdict.step()) {
            case WAIT -> { }
            case HALT -> {
                if (rollouts.move(c, id, rollout.state(), RolloutState.HALTED, verdict.reason(), now)) {
                    LOG.warn("Rollout {} halted: {}", id, verdict.reason());
                }
            }
            case NEXT_WAVE -> {
                if (rollout.soak().isZero()) {
                    startWave(c, rollout, rollout.state(), now);
                } else if (rollouts.soak(c, id, rollout.state(), wave, now.plus(rollout.soak()), now)) {
                    LOG.info("Rollout {}: wave {} of {} passed ({}); soaking for {}", id, wave,
                            rollout.waveCount(), verdict.reason(), rollout.soak());
                }
            }
            case FINISH -> {
                RolloutState end = its.stream().allMatch(j -> j.state() == JobState.SUCCEEDED)
                        ? RolloutState.SUCCEEDED : RolloutState.FINISHED_WITH_FAILURES;
                if (rollouts.move(c, id, rollout.state(), end, null, now)) {
                    LOG.info("Rollout {} {}", id, end);
                }
            }
        }
    }

    private void startWave(java.sql.Connection c, RolloutStatus rollout, RolloutState from, Instant now)
            throws java.sql.SQLException {
        int next = rollout.currentWave() + 1;
        if (rollouts.startWave(c, rollout.rolloutId(), from, next, RolloutTable.waveState(next,
                rollout.waveCount()), now)) {
            int released = jobs.releaseWave(c, rollout.rolloutId(), next, now);
            LOG.info("Rollout {}: wave {} of {} starts ({} gateway(s))", rollout.rolloutId(), next,
                    rollout.waveCount(), released);
            again.set(true);
        }
    }

    private void sendDue() {
        while (!stopped) {
            Instant now = clock.instant();
            List<JobTable.Due> due = transactor.read(c -> jobs.due(c, now, BATCH));
            for (JobTable.Due job : due) {
                if (stopped) {
                    return;
                }
                send(job);
            }
            if (due.size() < BATCH) {
                return;
            }
        }
    }

    private void send(JobTable.Due job) {
        Instant leaseUntil = clock.instant().plus(LEASE);
        if (!transactor.write(c -> jobs.claim(c, job, leaseUntil))) {
            return;
        }
        int attempt = job.attempts() + 1;
        try {
            publisher.publish(job.gatewayId(), JobTable.UNINSTALL.equals(job.action()) ? DeployReports.UNINSTALL_COMMAND
                    : DeployReports.INSTALL_COMMAND, command(job, attempt));
        } catch (Exception e) {
            Instant now = clock.instant();
            Duration delay = Duration.ofSeconds(1L << Math.min(attempt, 6));
            Instant next = now.plus(delay.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : delay);
            transactor.write(c -> {
                jobs.sendFailed(c, job, next, "command not published: " + e, now);
                return null;
            });
            LOG.warn("Deployment job {}: command to {} not published ({}); retrying", job.jobId(), job.gatewayId(),
                    e.toString());
            return;
        }
        Instant now = clock.instant();
        transactor.write(c -> {
            jobs.sent(c, job, now, now.plus(options.resendInterval()));
            return null;
        });
        LOG.info("Deployment job {}: {} {} sent to {} (attempt {})", job.jobId(), job.name(), job.version(),
                job.gatewayId(), attempt);
    }

    /**
     * cmd/deploy-install (or, for a roll-back to no package, cmd/deploy-uninstall) in the command envelope; the
     * request id is {@code jobId:attempt}.
     */
    private byte[] command(JobTable.Due job, int attempt) throws Exception {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("jobId", job.jobId());
        if (JobTable.UNINSTALL.equals(job.action())) {
            args.put("name", job.name());
        } else {
            if (job.url() == null) {
                throw new IllegalStateException("package " + job.name() + " " + job.version() + " is not registered");
            }
            args.put("url", job.url());
            args.put("sha256", job.sha256());
            args.put("name", job.name());
            args.put("version", job.version());
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("v", 1);
        request.put("requestId", job.jobId() + ":" + attempt);
        request.put("args", args);
        return json.writeValueAsBytes(request);
    }
}
