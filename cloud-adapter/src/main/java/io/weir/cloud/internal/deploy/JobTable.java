package io.weir.cloud.internal.deploy;

import io.weir.cloud.deploy.JobState;
import io.weir.cloud.deploy.JobStatus;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * deploy_job (migration V5). Every change is a conditional UPDATE on the row's current state, so two adapter
 * instances doing the same step do it once, and a report never moves a job backwards.
 */
final class JobTable {
    private static final String COLUMNS = "job_id, rollout_id, gateway_id, canary, state, detail, bytes, total_bytes, "
            + "attempts, next_attempt_at, deadline_at, updated_at";

    /** A job due for (re)sending, with what its command needs. */
    record Due(String jobId, String gatewayId, JobState state, int attempts, long nextAttemptAt, String name,
               String version, String url, String sha256, long timeoutMs) {
    }

    void insert(Connection c, String jobId, String rolloutId, String gatewayId, boolean canary, JobState state,
                Instant now) throws SQLException {
        Rows.update(c, "INSERT INTO deploy_job (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, NULL, NULL, NULL, 0, ?, NULL, ?)",
                jobId, rolloutId, gatewayId, canary, state, now, now);
    }

    List<JobStatus> ofRollout(Connection c, String rolloutId) throws SQLException {
        return Rows.list(c, "SELECT * FROM deploy_job WHERE rollout_id = ? ORDER BY canary DESC, job_id",
                JobTable::status, rolloutId);
    }

    List<JobStatus> ofGateway(Connection c, String gatewayId) throws SQLException {
        return Rows.list(c, "SELECT * FROM deploy_job WHERE gateway_id = ? ORDER BY updated_at DESC, job_id DESC",
                JobTable::status, gatewayId);
    }

    List<Due> due(Connection c, Instant now, int limit) throws SQLException {
        return Rows.list(c, "SELECT j.job_id, j.gateway_id, j.state, j.attempts, j.next_attempt_at, r.name, "
                + "r.version, p.url, p.sha256, r.timeout_ms FROM deploy_job j "
                + "JOIN deploy_rollout r ON r.rollout_id = j.rollout_id "
                + "JOIN deploy_package p ON p.name = r.name AND p.version = r.version "
                + "WHERE j.state IN ('PENDING', 'SENT') AND j.next_attempt_at <= ? ORDER BY j.next_attempt_at, "
                + "j.job_id LIMIT ?", r -> new Due(r.getString("job_id"), r.getString("gateway_id"),
                JobState.valueOf(r.getString("state")), r.getInt("attempts"), r.getLong("next_attempt_at"),
                r.getString("name"), r.getString("version"), r.getString("url"), r.getString("sha256"),
                r.getLong("timeout_ms")), now, limit);
    }

    /** Takes the job for one send until {@code leaseUntil}; false when another instance took it first. */
    boolean claim(Connection c, Due job, Instant leaseUntil) throws SQLException {
        return Rows.update(c, "UPDATE deploy_job SET next_attempt_at = ? WHERE job_id = ? AND state = ? "
                + "AND next_attempt_at = ?", leaseUntil, job.jobId(), job.state(), job.nextAttemptAt()) == 1;
    }

    /** The command reached the broker: the deadline starts with the first send; resends follow at {@code next}. */
    void sent(Connection c, Due job, Instant now, Instant next) throws SQLException {
        Rows.update(c, "UPDATE deploy_job SET state = 'SENT', attempts = attempts + 1, detail = NULL, "
                + "next_attempt_at = ?, deadline_at = COALESCE(deadline_at, ?), updated_at = ? "
                + "WHERE job_id = ? AND state IN ('PENDING', 'SENT')", next, now.plusMillis(job.timeoutMs()), now,
                job.jobId());
    }

    void sendFailed(Connection c, Due job, Instant next, String error, Instant now) throws SQLException {
        Rows.update(c, "UPDATE deploy_job SET attempts = attempts + 1, next_attempt_at = ?, detail = ?, "
                + "updated_at = ? WHERE job_id = ? AND state IN ('PENDING', 'SENT')", next, error, now, job.jobId());
    }

    /**
     * Applies a gateway's report: only when it moves the job forward (or, while downloading, reports more bytes),
     * and only for the gateway the job belongs to. Each report pushes the deadline out by the rollout's timeout.
     */
    boolean report(Connection c, String gatewayId, String jobId, JobState state, String detail, Long bytes,
                   Long totalBytes, Instant now) throws SQLException {
        String behind = Arrays.stream(JobState.values()).filter(s -> s.rank() < state.rank())
                .map(s -> "'" + s.name() + "'").collect(Collectors.joining(", "));
        return Rows.update(c, "UPDATE deploy_job SET state = ?, detail = ?, bytes = COALESCE(?, bytes), "
                + "total_bytes = COALESCE(?, total_bytes), updated_at = ?, deadline_at = ? + (SELECT r.timeout_ms "
                + "FROM deploy_rollout r WHERE r.rollout_id = deploy_job.rollout_id) WHERE job_id = ? "
                + "AND gateway_id = ? AND (state IN (" + (behind.isEmpty() ? "''" : behind) + ") OR (state = ? "
                + "AND state = 'DOWNLOADING' AND COALESCE(bytes, -1) < COALESCE(?, -1)))", state, detail,
                Rows.bigint(bytes), Rows.bigint(totalBytes), now, now.toEpochMilli(), jobId, gatewayId, state,
                Rows.bigint(bytes)) == 1;
    }

    /** Jobs whose gateway stayed silent past the deadline. */
    List<JobStatus> overdue(Connection c, Instant now) throws SQLException {
        return Rows.list(c, "SELECT * FROM deploy_job WHERE state IN ('SENT', 'ACCEPTED', 'DOWNLOADING', "
                + "'DOWNLOADED', 'VERIFIED', 'INSTALLED') AND deadline_at <= ?", JobTable::status, now);
    }

    boolean timeOut(Connection c, JobStatus job, String detail, Instant now) throws SQLException {
        return Rows.update(c, "UPDATE deploy_job SET state = 'TIMED_OUT', detail = ?, updated_at = ? "
                + "WHERE job_id = ? AND state = ? AND updated_at = ?", detail, now, job.jobId(), job.state(),
                job.updatedAt()) == 1;
    }

    /** Releases (PENDING) or cancels the jobs a rollout held. */
    void releaseWaiting(Connection c, String rolloutId, JobState to, String detail, Instant now)
            throws SQLException {
        Rows.update(c, "UPDATE deploy_job SET state = ?, detail = ?, next_attempt_at = ?, updated_at = ? "
                + "WHERE rollout_id = ? AND state = 'WAITING'", to, detail, now, now, rolloutId);
    }

    /** Jobs of rollouts still running, for {@link RolloutTable} to judge. */
    List<JobStatus> ofRunningRollouts(Connection c) throws SQLException {
        return Rows.list(c, "SELECT j.* FROM deploy_job j JOIN deploy_rollout r ON r.rollout_id = j.rollout_id "
                + "WHERE r.state IN ('CANARY', 'ROLLING_OUT') ORDER BY j.rollout_id, j.canary DESC, j.job_id",
                JobTable::status);
    }

    static JobStatus status(ResultSet r) throws SQLException {
        return new JobStatus(r.getString("job_id"), r.getString("rollout_id"), r.getString("gateway_id"),
                r.getBoolean("canary"), JobState.valueOf(r.getString("state")), r.getString("detail"),
                Rows.nullableLong(r, "bytes"), Rows.nullableLong(r, "total_bytes"), r.getInt("attempts"),
                Rows.time(r, "updated_at"));
    }
}
