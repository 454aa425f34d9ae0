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
 * deploy_job (migrations V5, V8). Every change is a conditional UPDATE on the row's current state, so two adapter
 * instances doing the same step do it once, and a report never moves a job backwards.
 */
final class JobTable {
    static final String INSTALL = "INSTALL";
    static final String UNINSTALL = "UNINSTALL";
    /** What an uninstall job leaves: no version. */
    static final String NO_VERSION = "none";
    /** Jobs whose gateway is, or may yet be, busy with them. */
    static final String RUNNING_STATES = "('WAITING', 'PENDING', 'SENT', 'ACCEPTED', 'DOWNLOADING', 'DOWNLOADED', "
            + "'VERIFIED', 'INSTALLED')";
    private static final String COLUMNS = "job_id, rollout_id, gateway_id, canary, state, detail, bytes, total_bytes, "
            + "attempts, next_attempt_at, deadline_at, updated_at, wave, action, version, previous_version";

    /** A job to create. {@code version} null: its rollout's. */
    record NewJob(String jobId, String rolloutId, String gatewayId, boolean canary, int wave, String action,
                  String version, String previousVersion, JobState state) {
    }

    /** A job due for (re)sending, with what its command needs. */
    record Due(String jobId, String gatewayId, JobState state, int attempts, long nextAttemptAt, String action,
               String name, String version, String url, String sha256, long timeoutMs) {
    }

    void insert(Connection c, NewJob j, Instant now) throws SQLException {
        Rows.update(c, "INSERT INTO deploy_job (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, NULL, NULL, NULL, 0, ?, NULL, "
                + "?, ?, ?, ?, ?)", j.jobId(), j.rolloutId(), j.gatewayId(), j.canary(), j.state(), now, now, j.wave(),
                j.action(), j.version(), j.previousVersion());
    }

    List<JobStatus> ofRollout(Connection c, String rolloutId) throws SQLException {
        return Rows.list(c, "SELECT j.*, r.version AS rollout_version FROM deploy_job j JOIN deploy_rollout r "
                + "ON r.rollout_id = j.rollout_id WHERE j.rollout_id = ? ORDER BY j.wave, j.canary DESC, "
                + "LENGTH(j.job_id), j.job_id", JobTable::status, rolloutId);
    }

    List<JobStatus> ofGateway(Connection c, String gatewayId) throws SQLException {
        return Rows.list(c, "SELECT j.*, r.version AS rollout_version FROM deploy_job j JOIN deploy_rollout r "
                + "ON r.rollout_id = j.rollout_id WHERE j.gateway_id = ? ORDER BY j.updated_at DESC, j.job_id DESC",
                JobTable::status, gatewayId);
    }

    /** Commands due, of rollouts that are running (a paused or halted rollout sends nothing). */
    List<Due> due(Connection c, Instant now, int limit) throws SQLException {
        return Rows.list(c, "SELECT j.job_id, j.gateway_id, j.state, j.attempts, j.next_attempt_at, j.action, r.name, "
                + "COALESCE(j.version, r.version) AS version, p.url, p.sha256, r.timeout_ms FROM deploy_job j "
                + "JOIN deploy_rollout r ON r.rollout_id = j.rollout_id "
                + "LEFT JOIN deploy_package p ON p.name = r.name AND p.version = COALESCE(j.version, r.version) "
                + "WHERE j.state IN ('PENDING', 'SENT') AND j.next_attempt_at <= ? AND r.state IN "
                + RolloutTable.RUNNING + " ORDER BY j.next_attempt_at, j.job_id LIMIT ?",
                r -> new Due(r.getString("job_id"), r.getString("gateway_id"), JobState.valueOf(r.getString("state")),
                        r.getInt("attempts"), r.getLong("next_attempt_at"), r.getString("action"),
                        r.getString("name"), r.getString("version"), r.getString("url"), r.getString("sha256"),
                        r.getLong("timeout_ms")), now, limit);
    }

    /**
     * Takes the job for one send until {@code leaseUntil}; false when another instance took it first, or its rollout
     * stopped running meanwhile.
     */
    boolean claim(Connection c, Due job, Instant leaseUntil) throws SQLException {
        return Rows.update(c, "UPDATE deploy_job SET next_attempt_at = ? WHERE job_id = ? AND state = ? "
                + "AND next_attempt_at = ? AND EXISTS (SELECT 1 FROM deploy_rollout r WHERE r.rollout_id = "
                + "deploy_job.rollout_id AND r.state IN " + RolloutTable.RUNNING + ")", leaseUntil, job.jobId(),
                job.state(), job.nextAttemptAt()) == 1;
    }

    /** The command reached the broker: the deadline starts with the first send; resends follow at {@code next}. */
    void sent(Connection c, Due job, Instant now, Instant next) throws SQLException {
        Rows.update(c, "UPDATE deploy_job SET state = 'SENT', attempts = attempts + 1, detail = NULL, "
                + "next_attempt_at = ?, deadline_at = COALESCE(deadline_at, ?), first_sent_at = COALESCE(first_sent_at, "
                + "?), updated_at = ? WHERE job_id = ? AND state IN ('PENDING', 'SENT')", next,
                now.plusMillis(job.timeoutMs()), now, now, job.jobId());
    }

    void sendFailed(Connection c, Due job, Instant next, String error, Instant now) throws SQLException {
        Rows.update(c, "UPDATE deploy_job SET attempts = attempts + 1, next_attempt_at = ?, detail = ?, "
                + "updated_at = ? WHERE job_id = ? AND state IN ('PENDING', 'SENT')", next, error, now, job.jobId());
    }

    /**
     * Applies a gateway's report: only when it moves the job forward (or, while downloading, reports more bytes),
     * and only for the gateway the job belongs to. Each report pushes the deadline out by the rollout's timeout and
     * is the job's last report; {@code configDigest} (with DEPLOY_SUCCEEDED) is kept when given.
     */
    boolean report(Connection c, String gatewayId, String jobId, JobState state, String detail, Long bytes,
                   Long totalBytes, String configDigest, Instant now) throws SQLException {
        String behind = Arrays.stream(JobState.values()).filter(s -> s.rank() < state.rank())
                .map(s -> "'" + s.name() + "'").collect(Collectors.joining(", "));
        return Rows.update(c, "UPDATE deploy_job SET state = ?, detail = ?, bytes = COALESCE(?, bytes), "
                + "total_bytes = COALESCE(?, total_bytes), config_digest = COALESCE(?, config_digest), "
                + "updated_at = ?, last_report_at = ?, deadline_at = ? + (SELECT r.timeout_ms "
                + "FROM deploy_rollout r WHERE r.rollout_id = deploy_job.rollout_id) WHERE job_id = ? "
                + "AND gateway_id = ? AND (state IN (" + (behind.isEmpty() ? "''" : behind) + ") OR (state = ? "
                + "AND state = 'DOWNLOADING' AND COALESCE(bytes, -1) < COALESCE(?, -1)))", state, detail,
                Rows.bigint(bytes), Rows.bigint(totalBytes), configDigest, now, now, now.toEpochMilli(), jobId,
                gatewayId, state, Rows.bigint(bytes)) == 1;
    }

    /** Jobs whose gateway stayed silent past the deadline, with when it last reported and when we first sent. */
    record Overdue(JobStatus job, Instant firstSentAt) {
    }

    List<Overdue> overdue(Connection c, Instant now) throws SQLException {
        return Rows.list(c, "SELECT j.*, r.version AS rollout_version FROM deploy_job j JOIN deploy_rollout r "
                + "ON r.rollout_id = j.rollout_id WHERE j.state IN ('SENT', 'ACCEPTED', 'DOWNLOADING', "
                + "'DOWNLOADED', 'VERIFIED', 'INSTALLED') AND j.deadline_at <= ?",
                r -> new Overdue(status(r), Rows.time(r, "first_sent_at")), now);
    }

    boolean timeOut(Connection c, JobStatus job, String detail, Instant now) throws SQLException {
        return Rows.update(c, "UPDATE deploy_job SET state = 'TIMED_OUT', detail = ?, updated_at = ? "
                + "WHERE job_id = ? AND state = ? AND updated_at = ?", detail, now, job.jobId(), job.state(),
                job.updatedAt()) == 1;
    }

    /** Lets a wave's held jobs go. */
    int releaseWave(Connection c, String rolloutId, int wave, Instant now) throws SQLException {
        return Rows.update(c, "UPDATE deploy_job SET state = 'PENDING', next_attempt_at = ?, updated_at = ? "
                + "WHERE rollout_id = ? AND wave = ? AND state = 'WAITING'", now, now, rolloutId, wave);
    }

    /** Cancels what the gateways have not started: held, due, and sent but never reported on. */
    int cancelNotStarted(Connection c, String rolloutId, String operator, Instant now) throws SQLException {
        int held = Rows.update(c, "UPDATE deploy_job SET state = 'CANCELLED', detail = ?, updated_at = ? "
                + "WHERE rollout_id = ? AND state IN ('WAITING', 'PENDING')", "cancelled by " + operator
                + " before it was sent", now, rolloutId);
        return held + Rows.update(c, "UPDATE deploy_job SET state = 'CANCELLED', detail = ?, updated_at = ? "
                + "WHERE rollout_id = ? AND state = 'SENT'", "cancelled by " + operator + " before the gateway "
                + "reported; the command it was sent stays at the broker until it expires, and if the gateway takes "
                + "it its reports replace this", now, rolloutId);
    }

    /** Marks {@code jobId} as retried by {@code by}; false when another retry already took it. */
    boolean supersede(Connection c, String jobId, String by, Instant now) throws SQLException {
        return Rows.update(c, "UPDATE deploy_job SET superseded_by = ?, updated_at = ? WHERE job_id = ? "
                + "AND superseded_by IS NULL AND state IN ('FAILED', 'ROLLED_BACK', 'TIMED_OUT')", by, now,
                jobId) == 1;
    }

    /** Gateways among {@code gatewayIds} with a job that is, or may yet be, running: "gw (job j of rollout r)". */
    List<String> busy(Connection c, List<String> gatewayIds) throws SQLException {
        return Rows.list(c, "SELECT gateway_id, job_id, rollout_id, state FROM deploy_job WHERE superseded_by IS NULL "
                + "AND state IN " + RUNNING_STATES, r -> new String[] {r.getString(1), r.getString(2),
                r.getString(3), r.getString(4)}).stream().filter(row -> gatewayIds.contains(row[0]))
                .map(row -> row[0] + " (job " + row[1] + " of rollout " + row[2] + ", " + row[3] + ")").toList();
    }

    /** Jobs of rollouts still running, for the worker to judge. */
    List<JobStatus> ofRunningRollouts(Connection c) throws SQLException {
        return Rows.list(c, "SELECT j.*, r.version AS rollout_version FROM deploy_job j JOIN deploy_rollout r "
                + "ON r.rollout_id = j.rollout_id WHERE r.state IN " + RolloutTable.RUNNING
                + " ORDER BY j.rollout_id, j.wave, j.job_id", JobTable::status);
    }

    static JobStatus status(ResultSet r) throws SQLException {
        String version = UNINSTALL.equals(r.getString("action")) ? NO_VERSION : r.getString("version");
        return new JobStatus(r.getString("job_id"), r.getString("rollout_id"), r.getString("gateway_id"),
                r.getBoolean("canary"), JobState.valueOf(r.getString("state")), r.getString("detail"),
                Rows.nullableLong(r, "bytes"), Rows.nullableLong(r, "total_bytes"), r.getInt("attempts"),
                Rows.time(r, "updated_at"), r.getInt("wave"), r.getString("action"),
                version != null ? version : r.getString("rollout_version"), r.getString("previous_version"),
                Rows.time(r, "last_report_at"), r.getString("superseded_by"));
    }
}
