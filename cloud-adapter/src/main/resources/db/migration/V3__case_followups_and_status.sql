-- Weir cloud adapter schema, version 3: what happens to a case after it is opened. Portable SQL (SQLite, PostgreSQL).

-- Follow-ups of an opened case, one per (alarm event, step): escalation or de-escalation -> UPDATE (step 0),
-- clearing -> recovery NOTE (step 1) and, where the case class says so, CLOSE request (step 2). Written in the same
-- transaction as the alarm event, sent once the case has its case_id, per alarm in (alarm_seq, step) order.
-- status: PENDING, SENT, FAILED (refused for good), SKIPPED (an UPDATE overtaken by a later follow-up already sent).
CREATE TABLE case_followup (
    alarm_id        VARCHAR(255) NOT NULL,
    alarm_seq       INTEGER      NOT NULL,
    step            INTEGER      NOT NULL,
    kind            VARCHAR(16)  NOT NULL,
    request_json    TEXT         NOT NULL,
    status          VARCHAR(16)  NOT NULL,
    attempts        INTEGER      NOT NULL,
    next_attempt_at BIGINT       NOT NULL,
    last_error      TEXT,
    created_at      BIGINT       NOT NULL,
    completed_at    BIGINT,
    PRIMARY KEY (alarm_id, alarm_seq, step)
);
CREATE INDEX case_followup_due ON case_followup (status, next_attempt_at);

-- The platform's status of each case, from its webhook (REGISTERED, DISPATCHED, HANDLED, CLOSED).
ALTER TABLE case_outbox ADD COLUMN case_status VARCHAR(16);
ALTER TABLE case_outbox ADD COLUMN case_status_at BIGINT;
CREATE INDEX case_outbox_case_id ON case_outbox (case_id);

-- Every status report once; ack_published turns true once the alarm acknowledgement reached the broker.
CREATE TABLE case_status_event (
    case_id       VARCHAR(64) NOT NULL,
    status        VARCHAR(16) NOT NULL,
    alarm_id      VARCHAR(255) NOT NULL,
    gateway_id    VARCHAR(64) NOT NULL,
    received_at   BIGINT      NOT NULL,
    ack_published BOOLEAN     NOT NULL,
    PRIMARY KEY (case_id, status)
);
