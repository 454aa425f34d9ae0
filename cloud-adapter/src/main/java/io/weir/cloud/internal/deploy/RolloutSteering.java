package io.weir.cloud.internal.deploy;

import io.weir.cloud.deploy.DeploymentRequestException;
import io.weir.cloud.deploy.JobState;
import io.weir.cloud.deploy.JobStatus;
import io.weir.cloud.deploy.RolloutState;
import io.weir.cloud.deploy.RolloutStatus;
import io.weir.cloud.internal.store.Transactor;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operators' steps on a rollout: pause, resume, cancel, retry, roll back. Each is one transaction of conditional
 * updates on the state it read, so when two operators (or two adapter instances) take steps at once, each step
 * applies to the state it was meant for or is refused with 409 naming the state the rollout is in.
 */
final class RolloutSteering {
    private static final Logger LOG = LoggerFactory.getLogger(RolloutSteering.class);
    private static final Set<JobState> RETRIABLE = Set.of(JobState.FAILED, JobState.ROLLED_BACK, JobState.TIMED_OUT);

    private final Transactor transactor;
    private final Clock clock;
    private final Runnable wakeUp;
    private final DeploymentService service;
    private final RolloutTable rollouts = new RolloutTable();
    private final JobTable jobs = new JobTable();

    RolloutSteering(Transactor transactor, Clock clock, Runnable wakeUp, DeploymentService service) {
        this.transactor = transactor;
        this.clock = clock;
        this.wakeUp = wakeUp;
        this.service = service;
    }

    RolloutStatus pause(String rolloutId, String operator) {
        RolloutStatus paused = transactor.write(c -> {
            RolloutStatus r = existing(c, rolloutId);
            if (!rollouts.pause(c, rolloutId, operator, clock.instant())) {
                throw refused(r, "only a running rollout (CANARY, ROLLING_OUT, SOAKING) can be paused");
            }
            return rollouts.find(c, rolloutId, jobs);
        });
        LOG.info("Rollout {} paused by {}", rolloutId, operator);
        return paused;
    }

    RolloutStatus resume(String rolloutId, String operator) {
        RolloutStatus resumed = transactor.write(c -> {
            RolloutStatus r = existing(c, rolloutId);
            Instant now = clock.instant();
            boolean done = switch (r.state()) {
                case PAUSED -> rollouts.resumePaused(c, rolloutId, operator, now);
                case HALTED -> rollouts.resumeHalted(c, r, operator, now);
                case SOAKING -> rollouts.endSoak(c, r, operator, now);
                default -> false;
            };
            if (!done) {
                throw refused(r, "only a PAUSED, HALTED or SOAKING rollout can be resumed");
            }
            return rollouts.find(c, rolloutId, jobs);
        });
        LOG.info("Rollout {} resumed by {}: {}", rolloutId, operator, resumed.state());
        wakeUp.run();
        return resumed;
    }

    RolloutStatus cancel(String rolloutId, String operator) {
        RolloutStatus cancelled = transactor.write(c -> {
            RolloutStatus r = existing(c, rolloutId);
            Instant now = clock.instant();
            if (!rollouts.cancel(c, rolloutId, operator, now)) {
                throw refused(r, "it is over already");
            }
            jobs.cancelNotStarted(c, rolloutId, operator, now);
            return rollouts.find(c, rolloutId, jobs);
        });
        LOG.info("Rollout {} cancelled by {}", rolloutId, operator);
        return cancelled;
    }

    RolloutStatus retry(String rolloutId, List<String> gatewayIds, String operator) {
        RolloutStatus retried = transactor.write(c -> {
            RolloutStatus r = existing(c, rolloutId);
            if (r.state() == RolloutState.CANCELLED || r.state() == RolloutState.SUCCEEDED) {
                throw refused(r, "there is nothing to retry in it");
            }
            List<JobStatus> failed = r.activeJobs().stream().filter(j -> RETRIABLE.contains(j.state())).toList();
            List<JobStatus> chosen = failed;
            if (gatewayIds != null && !gatewayIds.isEmpty()) {
                Set<String> wanted = new LinkedHashSet<>(gatewayIds);
                chosen = failed.stream().filter(j -> wanted.contains(j.gatewayId())).toList();
                Set<String> found = chosen.stream().map(JobStatus::gatewayId).collect(Collectors.toSet());
                wanted.removeAll(found);
                if (!wanted.isEmpty()) {
                    throw new DeploymentRequestException("no failed, rolled back or timed-out job of rollout "
                            + rolloutId + " for " + wanted + "; retriable: " + failed.stream()
                            .map(j -> j.gatewayId() + " " + j.state()).toList());
                }
            }
            if (chosen.isEmpty()) {
                throw new DeploymentRequestException("rollout " + rolloutId + " has no failed, rolled back or "
                        + "timed-out job to retry", true);
            }
            List<String> busy = jobs.busy(c, chosen.stream().map(JobStatus::gatewayId).toList());
            if (!busy.isEmpty()) {
                throw new DeploymentRequestException("gateway " + busy.get(0) + " has a deployment running or "
                        + "held; wait for it, or cancel that rollout", true);
            }
            Instant now = clock.instant();
            for (JobStatus old : chosen) {
                String id = nextId(old.jobId());
                if (!jobs.supersede(c, old.jobId(), id, now)) {
                    throw new DeploymentRequestException("job " + old.jobId() + " was retried meanwhile", true);
                }
                jobs.insert(c, new JobTable.NewJob(id, rolloutId, old.gatewayId(), old.canary(), old.wave(),
                        old.action(), old.version().equals(r.version()) ? null : old.version(),
                        old.previousVersion(), old.wave() <= r.currentWave() ? JobState.PENDING : JobState.WAITING),
                        now);
            }
            if ((r.state() == RolloutState.HALTED || r.state() == RolloutState.FINISHED_WITH_FAILURES)
                    && !rollouts.rerun(c, r, operator, now)) {
                throw refused(r, "it changed meanwhile; try again");
            }
            return rollouts.find(c, rolloutId, jobs);
        });
        LOG.info("Rollout {}: {} retried {}", rolloutId, operator, retried.activeJobs().stream()
                .filter(j -> j.state() == JobState.PENDING).map(JobStatus::gatewayId).toList());
        wakeUp.run();
        return retried;
    }

    /** A retry's job id: {@code ro-x-3} becomes {@code ro-x-3.2}, then {@code ro-x-3.3}; the same on every instance. */
    static String nextId(String jobId) {
        int dot = jobId.lastIndexOf('.');
        if (dot > 0) {
            try {
                return jobId.substring(0, dot) + "." + (Integer.parseInt(jobId.substring(dot + 1)) + 1);
            } catch (NumberFormatException e) {
                // not one of ours: fall through
            }
        }
        return jobId + ".2";
    }

    RolloutStatus rollback(String rolloutId, Integer wave, String operator) {
        String newId = service.newRolloutId();
        RolloutStatus started = transactor.write(c -> {
            RolloutStatus r = existing(c, rolloutId);
            if (wave != null && (wave < 1 || wave > r.waveCount())) {
                throw new DeploymentRequestException("rollout " + rolloutId + " has waves 1.." + r.waveCount()
                        + ", not " + wave);
            }
            List<JobStatus> its = r.activeJobs().stream().filter(j -> wave == null || j.wave() == wave).toList();
            List<String> installing = its.stream().filter(j -> j.state().rank() >= JobState.ACCEPTED.rank()
                    && !j.state().isFinal()).map(j -> j.gatewayId() + " " + j.state()).toList();
            if (!installing.isEmpty()) {
                throw new DeploymentRequestException("gateways of that wave are still installing (" + installing
                        + "); pause the rollout and roll back when they are done", true);
            }
            List<JobStatus> done = its.stream().filter(j -> j.state() == JobState.SUCCEEDED).toList();
            if (done.isEmpty()) {
                throw new DeploymentRequestException("no gateway of " + (wave == null ? "rollout " + rolloutId
                        : "wave " + wave + " of rollout " + rolloutId) + " succeeded: nothing to roll back", true);
            }
            List<String> problems = new ArrayList<>();
            List<JobTable.NewJob> undo = new ArrayList<>();
            Set<String> versions = new HashSet<>();
            for (int i = 0; i < done.size(); i++) {
                JobStatus j = done.get(i);
                String previous = j.previousVersion();
                if (previous == null) {
                    problems.add(j.gatewayId() + ": what it had before is unknown (it had reported no inventory)");
                    continue;
                }
                if (!previous.isEmpty() && new PackageTable().find(c, r.name(), previous).isEmpty()) {
                    problems.add(j.gatewayId() + ": its previous version " + r.name() + " " + previous
                            + " is not registered; register that package to roll back to it");
                    continue;
                }
                versions.add(previous);
                undo.add(new JobTable.NewJob(newId + "-" + (i + 1), newId, j.gatewayId(), false, 1,
                        previous.isEmpty() ? JobTable.UNINSTALL : JobTable.INSTALL, previous.isEmpty() ? null
                        : previous, j.version(), JobState.PENDING));
            }
            if (!problems.isEmpty()) {
                throw new DeploymentRequestException("cannot roll back: " + String.join("; ", problems));
            }
            Instant now = clock.instant();
            if (r.state().isRunning() && !rollouts.pause(c, rolloutId, operator, now)) {
                throw refused(r, "it changed meanwhile; try again");
            }
            String version = versions.size() == 1 ? versions.iterator().next() : "previous";
            RolloutTable.Plan plan = new RolloutTable.Plan(newId, r.name(), version.isEmpty() ? JobTable.NO_VERSION
                    : version,
                    "rollback:" + rolloutId + (wave == null ? "" : "/wave-" + wave), 0, timeout(c, rolloutId),
                    List.of("100%"), 1, 100, Duration.ZERO, rolloutId, wave, operator);
            return service.create(c, plan, undo);
        });
        LOG.info("Rollout {}: {} rolls back {} of {} ({} gateway(s))", newId, operator,
                wave == null ? "every wave" : "wave " + wave, rolloutId, started.jobs().size());
        wakeUp.run();
        return started;
    }

    private Duration timeout(Connection c, String rolloutId) throws SQLException {
        return Duration.ofMillis(Rows.list(c, "SELECT timeout_ms FROM deploy_rollout WHERE rollout_id = ?",
                r -> r.getLong(1), rolloutId).get(0));
    }

    private RolloutStatus existing(Connection c, String rolloutId) throws SQLException {
        RolloutStatus r = rollouts.find(c, rolloutId, jobs);
        if (r == null) {
            throw DeploymentRequestException.notFound("no rollout " + rolloutId);
        }
        return r;
    }

    private static DeploymentRequestException refused(RolloutStatus r, String why) {
        return new DeploymentRequestException("rollout " + r.rolloutId() + " is " + r.state() + "; " + why, true);
    }
}
