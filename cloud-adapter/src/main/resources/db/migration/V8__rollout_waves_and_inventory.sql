-- Weir cloud adapter schema, version 8: rollouts in waves that operations steer, and what each gateway reports it
-- runs (docs/protocol.md "Deployment", "Inventory"). Portable SQL (SQLite, PostgreSQL). Times are epoch milliseconds.
-- (Version 7 is left to the retention work done beside this one.)

-- Waves: waves_json lists the wave sizes as given (a count, or "25%" of the target); the last one repeats.
-- A wave's gateways start once the one before ended with at least success_threshold percent succeeded and soak_ms
-- passed (state SOAKING until next_wave_at). paused_from: the state a PAUSED rollout resumes to. waived_wave: the
-- operator resumed a HALTED rollout, so waves up to this one are not held to the threshold.
ALTER TABLE deploy_rollout ADD COLUMN waves_json TEXT;
ALTER TABLE deploy_rollout ADD COLUMN wave_count INTEGER;
ALTER TABLE deploy_rollout ADD COLUMN current_wave INTEGER;
ALTER TABLE deploy_rollout ADD COLUMN success_threshold INTEGER;
ALTER TABLE deploy_rollout ADD COLUMN soak_ms BIGINT;
ALTER TABLE deploy_rollout ADD COLUMN next_wave_at BIGINT;
ALTER TABLE deploy_rollout ADD COLUMN paused_from VARCHAR(24);
ALTER TABLE deploy_rollout ADD COLUMN waived_wave INTEGER;
-- A roll-back is a rollout of each gateway's previous version to one wave of another rollout.
ALTER TABLE deploy_rollout ADD COLUMN rollback_of VARCHAR(32);
ALTER TABLE deploy_rollout ADD COLUMN rollback_wave INTEGER;
-- Who last paused, resumed, cancelled, retried or rolled it back, and when.
ALTER TABLE deploy_rollout ADD COLUMN steered_by VARCHAR(128);

-- Rollouts from before waves: the canaries were wave 1, the rest wave 2, held to every canary succeeding.
UPDATE deploy_rollout SET
    waves_json = CASE WHEN canaries > 0 THEN '[' || canaries || ',"100%"]' ELSE '["100%"]' END,
    wave_count = CASE WHEN canaries > 0 THEN 2 ELSE 1 END,
    current_wave = CASE WHEN canaries > 0 AND state <> 'CANARY' THEN 2 ELSE 1 END,
    success_threshold = 100,
    soak_ms = 0,
    waived_wave = 0;

-- wave: the job's wave. action: INSTALL, or UNINSTALL (a roll-back to no package). version: the version this job
-- installs when it is not its rollout's (roll-backs). previous_version: what the gateway reported having of the
-- package when the job was made ('' for none, NULL when it had reported nothing). last_report_at: the gateway's last
-- report about this job (not a resend of ours). superseded_by: the job that retried this one.
-- config_digest: the SHA-256 of the site file the gateway reported with DEPLOY_SUCCEEDED.
ALTER TABLE deploy_job ADD COLUMN wave INTEGER;
ALTER TABLE deploy_job ADD COLUMN action VARCHAR(16);
ALTER TABLE deploy_job ADD COLUMN version VARCHAR(128);
ALTER TABLE deploy_job ADD COLUMN previous_version VARCHAR(128);
ALTER TABLE deploy_job ADD COLUMN first_sent_at BIGINT;
ALTER TABLE deploy_job ADD COLUMN last_report_at BIGINT;
ALTER TABLE deploy_job ADD COLUMN superseded_by VARCHAR(64);
ALTER TABLE deploy_job ADD COLUMN config_digest VARCHAR(64);
UPDATE deploy_job SET action = 'INSTALL', wave = CASE WHEN canary THEN 1 WHEN (SELECT r.canaries FROM deploy_rollout r
    WHERE r.rollout_id = deploy_job.rollout_id) > 0 THEN 2 ELSE 1 END;
CREATE INDEX deploy_job_rollout_wave ON deploy_job (rollout_id, wave);

-- The bundles a package holds ([{"name","version"}] from its manifest), to compare with what gateways report.
ALTER TABLE deploy_package ADD COLUMN bundles_json TEXT;

-- What each gateway last reported it runs: deployment packages {"name":"version"} (from its state message, and
-- from deploy events in between), bundles {"symbolicName":"version"} and the SHA-256 of its site file (state message
-- only). *_ts are the gateway's own times of what the column says, so an older report never overwrites a newer one.
CREATE TABLE gateway_inventory (
    gateway_id      VARCHAR(64) PRIMARY KEY,
    packages_json   TEXT        NOT NULL,
    packages_ts     BIGINT      NOT NULL,
    bundles_json    TEXT,
    config_digest   VARCHAR(64),
    state_ts        BIGINT,
    updated_at      BIGINT      NOT NULL
);
