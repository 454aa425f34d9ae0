package io.weir.cloud.internal.deploy;

import io.weir.cloud.deploy.RolloutState;
import io.weir.cloud.deploy.RolloutStatus;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** deploy_rollout (migration V5); a state moves only from the state it was read in. */
final class RolloutTable {

    void insert(Connection c, String rolloutId, String name, String version, String target, int canaries,
                Duration timeout, RolloutState state, Instant now) throws SQLException {
        Rows.update(c, "INSERT INTO deploy_rollout (rollout_id, name, version, target, canaries, timeout_ms, state, "
                + "halt_reason, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)", rolloutId, name,
                version, target, canaries, timeout.toMillis(), state, now, now);
    }

    /** Moves the rollout from {@code from} to {@code to}; false when another instance already did. */
    boolean move(Connection c, String rolloutId, RolloutState from, RolloutState to, String reason, Instant now)
            throws SQLException {
        return Rows.update(c, "UPDATE deploy_rollout SET state = ?, halt_reason = COALESCE(?, halt_reason), "
                + "updated_at = ? WHERE rollout_id = ? AND state = ?", to, reason, now, rolloutId, from) == 1;
    }

    List<RolloutStatus> all(Connection c, JobTable jobs) throws SQLException {
        List<RolloutStatus> bare = Rows.list(c, "SELECT * FROM deploy_rollout ORDER BY created_at DESC, rollout_id DESC",
                RolloutTable::bare);
        List<RolloutStatus> full = new java.util.ArrayList<>(bare.size());
        for (RolloutStatus r : bare) {
            full.add(withJobs(r, jobs.ofRollout(c, r.rolloutId())));
        }
        return full;
    }

    RolloutStatus find(Connection c, String rolloutId, JobTable jobs) throws SQLException {
        List<RolloutStatus> found = Rows.list(c, "SELECT * FROM deploy_rollout WHERE rollout_id = ?",
                RolloutTable::bare, rolloutId);
        return found.isEmpty() ? null : withJobs(found.get(0), jobs.ofRollout(c, rolloutId));
    }

    /** Rollouts still running. */
    List<RolloutStatus> running(Connection c) throws SQLException {
        return Rows.list(c, "SELECT * FROM deploy_rollout WHERE state IN ('CANARY', 'ROLLING_OUT')",
                RolloutTable::bare);
    }

    private static RolloutStatus withJobs(RolloutStatus r, List<io.weir.cloud.deploy.JobStatus> jobs) {
        return new RolloutStatus(r.rolloutId(), r.name(), r.version(), r.target(), r.canaries(), r.state(),
                r.haltReason(), r.createdAt(), r.updatedAt(), jobs);
    }

    private static RolloutStatus bare(java.sql.ResultSet r) throws SQLException {
        return new RolloutStatus(r.getString("rollout_id"), r.getString("name"), r.getString("version"),
                r.getString("target"), r.getInt("canaries"), RolloutState.valueOf(r.getString("state")),
                r.getString("halt_reason"), Rows.time(r, "created_at"), Rows.time(r, "updated_at"), List.of());
    }
}
