-- Weir cloud adapter schema, version 4: the newest reading of every channel, for the operations view.
-- Portable SQL (SQLite, PostgreSQL). Upserted in the ingest transaction that stores the reading, and only by a
-- newer one: a backlog that arrives after a newer reading (storms after outages) never overwrites it. Ties on ts go
-- to the later message (higher seq), then the later position in it.
CREATE TABLE latest_reading (
    channel       VARCHAR(255) PRIMARY KEY,
    gateway_id    VARCHAR(64)  NOT NULL,
    seq           BIGINT       NOT NULL,
    reading_index INTEGER      NOT NULL,
    ts            BIGINT       NOT NULL,
    value_num     DOUBLE PRECISION,
    value_bool    BOOLEAN,
    value_text    TEXT,
    unit          VARCHAR(32),
    quality       VARCHAR(16)  NOT NULL,
    reason        VARCHAR(32)
);
CREATE INDEX latest_reading_gateway ON latest_reading (gateway_id);

-- What is already stored: one full scan, once.
INSERT INTO latest_reading (channel, gateway_id, seq, reading_index, ts, value_num, value_bool, value_text, unit,
                            quality, reason)
SELECT channel, gateway_id, seq, reading_index, ts, value_num, value_bool, value_text, unit, quality, reason
FROM (SELECT t.*, ROW_NUMBER() OVER (PARTITION BY channel ORDER BY ts DESC, seq DESC, reading_index DESC) AS pos
      FROM telemetry t) ranked
WHERE pos = 1;
