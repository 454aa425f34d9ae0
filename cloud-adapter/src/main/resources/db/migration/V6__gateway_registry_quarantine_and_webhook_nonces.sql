-- Weir cloud adapter schema, version 6: who may send, what strangers sent, and webhooks seen. Portable SQL (SQLite,
-- PostgreSQL). Times are epoch milliseconds.

-- The gateways operations registered: only their messages are ingested (docs/security.md "Cloud adapter").
CREATE TABLE registered_gateway (
    gateway_id    VARCHAR(64)  PRIMARY KEY,
    registered_at BIGINT       NOT NULL,
    registered_by VARCHAR(128) NOT NULL,
    note          VARCHAR(255)
);

-- Gateway ids that sent messages without being registered, with how many; their messages never open a case.
CREATE TABLE unknown_gateway (
    gateway_id    VARCHAR(64) PRIMARY KEY,
    first_seen_at BIGINT      NOT NULL,
    last_seen_at  BIGINT      NOT NULL,
    messages      BIGINT      NOT NULL
);

-- The latest messages of unknown gateways, kept aside for review: a bounded number per gateway and in all, each
-- payload cut to a sample with its full size and SHA-256.
CREATE TABLE quarantined_message (
    id               VARCHAR(36) PRIMARY KEY,
    gateway_id       VARCHAR(64) NOT NULL,
    received_at      BIGINT      NOT NULL,
    topic            TEXT        NOT NULL,
    payload          TEXT        NOT NULL,
    payload_encoding VARCHAR(8)  NOT NULL,
    payload_bytes    BIGINT      NOT NULL,
    payload_sha256   VARCHAR(64) NOT NULL,
    truncated        BOOLEAN     NOT NULL
);
CREATE INDEX quarantined_message_gateway ON quarantined_message (gateway_id, received_at);
CREATE INDEX quarantined_message_received ON quarantined_message (received_at);

-- Nonces of the county webhooks accepted, until their timestamp leaves the accepted window: a replay is refused by
-- every adapter instance over this database, and across restarts.
CREATE TABLE webhook_nonce (
    nonce      VARCHAR(64) PRIMARY KEY,
    expires_at BIGINT      NOT NULL
);
CREATE INDEX webhook_nonce_expiry ON webhook_nonce (expires_at);

-- Rejected messages keep a sample of their payload from now on; rows from before keep their whole payload and
-- leave these empty.
ALTER TABLE dead_letter ADD COLUMN payload_bytes BIGINT;
ALTER TABLE dead_letter ADD COLUMN payload_sha256 VARCHAR(64);
ALTER TABLE dead_letter ADD COLUMN truncated BOOLEAN;
