package io.weir.cloud.internal.deploy;

import io.weir.cloud.deploy.JobStatus;
import io.weir.cloud.deploy.RolloutState;
import io.weir.cloud.deploy.RolloutStatus;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * deploy_rollout (migrations V5, V8). A state moves only from the state (and wave) it was read in, so two adapter
 * instances taking the same step take it once.
 */
final class RolloutTable {
    static final String RUNNING = "('CANARY', 'ROLLING_OUT', 'SOAKING')";

    /** A new rollout's settings. */
    record Plan(String rolloutId, String name, String version, String target, int canaries, Duration timeout,
                List<String> waves, int waveCount, int successThreshold, Duration soak, String rollbackOf,
                Integer rollbackWave, String steeredBy) {
    }

    void insert(Connection c, Plan p, RolloutState state, Instant now) throws SQLException {
        Rows.update(c, "INSERT INTO deploy_rollout (rollout_id, name, version, target, canaries, timeout_ms, state, "
                + "halt_reason, created_at, updated_at, waves_json, wave_count, current_wave, success_threshold, "
                + "soak_ms, next_wave_at, paused_from, waived_wave, rollback_of, rollback_wave, steered_by) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, 1, ?, ?, NULL, NULL, 0, ?, ?, ?)", p.rolloutId(),
                p.name(), p.version(), p.target(), p.canaries(), p.timeout().toMillis(), state, now, now,
                WavePlan.toJson(p.waves()), p.waveCount(), p.successThreshold(), p.soak().toMillis(), p.rollbackOf(),
                Rows.integer(p.rollbackWave()),
                p.steeredBy());
    }

    /** Moves the rollout from {@code from} to {@code to}; false when another instance already did. */
    boolean move(Connection c, String rolloutId, RolloutState from, RolloutState to, String reason, Instant now)
            throws SQLException {
        return Rows.update(c, "UPDATE deploy_rollout SET state = ?, halt_reason = COALESCE(?, halt_reason), "
                + "updated_at = ? WHERE rollout_id = ? AND state = ?", to, reason, now, rolloutId, from) == 1;
    }

    /** Starts wave {@code next} (the wave before it is {@code next - 1}), from {@code from}. */
    boolean startWave(Connection c, String rolloutId, RolloutState from, int next, RolloutState to, Instant now)
            throws SQLException {
        return Rows.update(c, "UPDATE deploy_rollout SET state = ?, current_wave = ?, next_wave_at = NULL, "
                + "updated_at = ? WHERE rollout_id = ? AND state = ? AND current_wave = ?", to, next, now, rolloutId,
                from, next - 1) == 1;
    }

    /** A wave passed: soak until {@code until}. */
    boolean soak(Connection c, String rolloutId, RolloutState from, int wave, Instant until, Instant now)
            throws SQLException {
        return Rows.update(c, "UPDATE deploy_rollout SET state = 'SOAKING', next_wave_at = ?, updated_at = ? "
                + "WHERE rollout_id = ? AND state = ? AND current_wave = ?", until, now, rolloutId, from, wave) == 1;
    }

    /** Pauses a running rollout, remembering the state to resume to; false when it was not running. */
    boolean pause(Connection c, String rolloutId, String operator, Instant now) throws SQLException {
        return Rows.update(c, "UPDATE deploy_rollout SET paused_from = state, state = 'PAUSED', steered_by = ?, "
                + "updated_at = ? WHERE rollout_id = ? AND state IN " + RUNNING, operator, now, rolloutId) == 1;
    }

    boolean resumePaused(Connection c, String rolloutId, String operator, Instant now) throws SQLException {
        return Rows.update(c, "UPDATE deploy_rollout SET state = paused_from, paused_from = NULL, steered_by = ?, "
                + "updated_at = ? WHERE rollout_id = ? AND state = 'PAUSED'", operator, now, rolloutId) == 1;
    }

    /** Goes on with a halted rollout: its current wave no longer has to meet the threshold. */
    boolean resumeHalted(Connection c, RolloutStatus r, String operator, Instant now) throws SQLException {
        return Rows.update(c, "UPDATE deploy_rollout SET state = ?, waived_wave = current_wave, steered_by = ?, "
                + "updated_at = ? WHERE rollout_id = ? AND state = 'HALTED' AND current_wave = ?",
                waveState(r.currentWave(), r.waveCount()), operator, now, r.rolloutId(), r.currentWave()) == 1;
    }

    /** Ends a soak now: the next wave starts at the worker's next pass. */
    boolean endSoak(Connection c, RolloutStatus r, String operator, Instant now) throws SQLException {
        return Rows.update(c, "UPDATE deploy_rollout SET next_wave_at = ?, steered_by = ?, updated_at = ? "
                + "WHERE rollout_id = ? AND state = 'SOAKING' AND current_wave = ?", now, operator, now,
                r.rolloutId(), r.currentWave()) == 1;
    }

    /** Runs a halted or finished rollout again after a retry: it goes on at its current wave. */
    boolean rerun(Connection c, RolloutStatus r, String operator, Instant now) throws SQLException {
        return Rows.update(c, "UPDATE deploy_rollout SET state = ?, steered_by = ?, updated_at = ? "
                + "WHERE rollout_id = ? AND state = ?", waveState(r.currentWave(), r.waveCount()), operator, now,
                r.rolloutId(), r.state()) == 1;
    }

    boolean cancel(Connection c, String rolloutId, String operator, Instant now) throws SQLException {
        return Rows.update(c, "UPDATE deploy_rollout SET state = 'CANCELLED', paused_from = NULL, steered_by = ?, "
                + "updated_at = ? WHERE rollout_id = ? AND state NOT IN ('SUCCEEDED', 'FINISHED_WITH_FAILURES', "
                + "'CANCELLED')", operator, now, rolloutId) == 1;
    }

    /** A rollout installs its first wave as CANARY when more waves follow, else ROLLING_OUT. */
    static RolloutState waveState(int wave, int waveCount) {
        return wave == 1 && waveCount > 1 ? RolloutState.CANARY : RolloutState.ROLLING_OUT;
    }

    List<RolloutStatus> all(Connection c, JobTable jobs) throws SQLException {
        List<RolloutStatus> full = new ArrayList<>();
        for (RolloutStatus r : Rows.list(c, "SELECT * FROM deploy_rollout ORDER BY created_at DESC, rollout_id DESC",
                RolloutTable::bare)) {
            full.add(withJobs(r, jobs.ofRollout(c, r.rolloutId())));
        }
        return full;
    }

    RolloutStatus find(Connection c, String rolloutId, JobTable jobs) throws SQLException {
        List<RolloutStatus> found = Rows.list(c, "SELECT * FROM deploy_rollout WHERE rollout_id = ?",
                RolloutTable::bare, rolloutId);
        return found.isEmpty() ? null : withJobs(found.get(0), jobs.ofRollout(c, rolloutId));
    }

    /** A running rollout as the worker judges it: {@code waivedWave} is the last wave not held to the threshold. */
    record Running(RolloutStatus rollout, int waivedWave) {
    }

    /** Rollouts the worker moves on by itself. */
    List<Running> running(Connection c) throws SQLException {
        return Rows.list(c, "SELECT * FROM deploy_rollout WHERE state IN " + RUNNING,
                r -> new Running(bare(r), r.getInt("waived_wave")));
    }

    /** Ids of the rollouts that name this package version (as theirs or as a roll-back's job version). */
    List<String> naming(Connection c, String name, String version) throws SQLException {
        return Rows.list(c, "SELECT r.rollout_id FROM deploy_rollout r WHERE r.name = ? AND (r.version = ? OR "
                + "EXISTS (SELECT 1 FROM deploy_job j WHERE j.rollout_id = r.rollout_id AND j.version = ?)) "
                + "ORDER BY r.created_at", r -> r.getString(1), name, version, version);
    }

    static RolloutStatus withJobs(RolloutStatus r, List<JobStatus> jobs) {
        return new RolloutStatus(r.rolloutId(), r.name(), r.version(), r.target(), r.canaries(), r.state(),
                r.haltReason(), r.createdAt(), r.updatedAt(), r.waves(), r.waveCount(), r.currentWave(),
                r.successThreshold(), r.soak(), r.nextWaveAt(), r.rollbackOf(), r.rollbackWave(), r.steeredBy(), jobs);
    }

    private static RolloutStatus bare(ResultSet r) throws SQLException {
        Long rollbackWave = Rows.nullableLong(r, "rollback_wave");
        return new RolloutStatus(r.getString("rollout_id"), r.getString("name"), r.getString("version"),
                r.getString("target"), r.getInt("canaries"), RolloutState.valueOf(r.getString("state")),
                r.getString("halt_reason"), Rows.time(r, "created_at"), Rows.time(r, "updated_at"),
                WavePlan.fromJson(r.getString("waves_json")), r.getInt("wave_count"), r.getInt("current_wave"),
                r.getInt("success_threshold"), Duration.ofMillis(r.getLong("soak_ms")), Rows.time(r, "next_wave_at"),
                r.getString("rollback_of"), rollbackWave == null ? null : rollbackWave.intValue(),
                r.getString("steered_by"), List.of());
    }

}
