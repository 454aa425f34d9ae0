-- Weir cloud adapter schema, version 5: gateway events and deployment operations (docs/protocol.md "Deployment").
-- Portable SQL (SQLite, PostgreSQL). Times are epoch milliseconds.

-- Every gateway event once, keyed by the message that carried it (duplicates never get this far: received_message).
CREATE TABLE gateway_event (
    gateway_id  VARCHAR(64)  NOT NULL,
    seq         BIGINT       NOT NULL,
    event_index INTEGER      NOT NULL,
    type        VARCHAR(64)  NOT NULL,
    source      VARCHAR(255),
    ts          BIGINT       NOT NULL,
    job_id      VARCHAR(64),
    body_json   TEXT         NOT NULL,
    received_at BIGINT       NOT NULL,
    PRIMARY KEY (gateway_id, seq, event_index)
);
CREATE INDEX gateway_event_job ON gateway_event (job_id);
CREATE INDEX gateway_event_received ON gateway_event (received_at);

-- Deployment packages operations may push: where gateways download them and the SHA-256 they must have.
CREATE TABLE deploy_package (
    name          VARCHAR(255) NOT NULL,
    version       VARCHAR(128) NOT NULL,
    url           TEXT         NOT NULL,
    sha256        VARCHAR(64)  NOT NULL,
    size_bytes    BIGINT,
    registered_at BIGINT       NOT NULL,
    PRIMARY KEY (name, version)
);

-- Groups of gateways, as operations define them; position keeps the order given, which is the canary order.
CREATE TABLE gateway_group (
    group_name VARCHAR(64) NOT NULL,
    gateway_id VARCHAR(64) NOT NULL,
    position   INTEGER     NOT NULL,
    PRIMARY KEY (group_name, gateway_id)
);

-- A push of one package to one gateway or a group. state: CANARY (canary jobs running, the rest held), ROLLING_OUT,
-- SUCCEEDED, FINISHED_WITH_FAILURES, HALTED (a canary did not succeed; halt_reason says which and why).
CREATE TABLE deploy_rollout (
    rollout_id   VARCHAR(32)  PRIMARY KEY,
    name         VARCHAR(255) NOT NULL,
    version      VARCHAR(128) NOT NULL,
    target       VARCHAR(128) NOT NULL,
    canaries     INTEGER      NOT NULL,
    timeout_ms   BIGINT       NOT NULL,
    state        VARCHAR(24)  NOT NULL,
    halt_reason  TEXT,
    created_at   BIGINT       NOT NULL,
    updated_at   BIGINT       NOT NULL
);

-- One gateway's part of a rollout. state: WAITING (held until the canaries succeed), PENDING (command to send at
-- next_attempt_at), SENT, then the gateway's reports ACCEPTED, DOWNLOADING, DOWNLOADED, VERIFIED, INSTALLED, and
-- one final state: SUCCEEDED, FAILED, ROLLED_BACK, TIMED_OUT (no report before deadline_at) or CANCELLED.
CREATE TABLE deploy_job (
    job_id          VARCHAR(64)  PRIMARY KEY,
    rollout_id      VARCHAR(32)  NOT NULL,
    gateway_id      VARCHAR(64)  NOT NULL,
    canary          BOOLEAN      NOT NULL,
    state           VARCHAR(16)  NOT NULL,
    detail          TEXT,
    bytes           BIGINT,
    total_bytes     BIGINT,
    attempts        INTEGER      NOT NULL,
    next_attempt_at BIGINT       NOT NULL,
    deadline_at     BIGINT,
    updated_at      BIGINT       NOT NULL
);
CREATE INDEX deploy_job_rollout ON deploy_job (rollout_id);
CREATE INDEX deploy_job_state ON deploy_job (state, next_attempt_at);
CREATE INDEX deploy_job_gateway ON deploy_job (gateway_id);
