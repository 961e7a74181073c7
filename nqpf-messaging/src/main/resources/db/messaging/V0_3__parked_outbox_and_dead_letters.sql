-- Outbox rows that can never be sent (too large for the broker, not serialisable, an invalid topic, not an event):
-- the relay moves them here with the reason, in the transaction that takes them out of the outbox, so the rows
-- behind them are published. Kept as they were, for an operator to look at (GET /api/v1/operations/outbox/parked).
CREATE TABLE outbox_parked (
    id                BIGINT PRIMARY KEY, -- the outbox row's id
    topic             TEXT        NOT NULL,
    record_key        TEXT,
    event_id          TEXT        NOT NULL,
    event_type        TEXT        NOT NULL,
    source            TEXT,
    subject           TEXT,
    event_time        TIMESTAMPTZ,
    data_content_type TEXT,
    extensions        JSONB,
    payload           BYTEA,
    created_at        TIMESTAMPTZ NOT NULL,
    reason            TEXT        NOT NULL,
    parked_at         TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Every record this service's consumers dead-lettered, read back from the dead-letter topics by a consumer group of
-- its own: once per dead-letter record (its topic, partition and offset), with the record as it was (key, headers,
-- value) so it can be replayed to its source topic once its cause is fixed.
CREATE TABLE dead_letter (
    id               BIGSERIAL PRIMARY KEY,
    dlt_topic        TEXT        NOT NULL,
    dlt_partition    INT         NOT NULL,
    dlt_offset       BIGINT      NOT NULL,
    source_topic     TEXT        NOT NULL,
    source_partition INT,
    source_offset    BIGINT,
    record_key       TEXT,
    header_names     TEXT[]      NOT NULL,
    header_values    BYTEA[]     NOT NULL,
    value            BYTEA,
    event_id         TEXT,
    event_type       TEXT,
    reason           TEXT        NOT NULL,
    -- the dead letter this one is a replay of, when a replayed record was dead-lettered again
    replay_of        BIGINT,
    dead_lettered_at TIMESTAMPTZ NOT NULL,
    stored_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    status           TEXT        NOT NULL DEFAULT 'NEW' CHECK (status IN ('NEW', 'REPLAYED')),
    UNIQUE (dlt_topic, dlt_partition, dlt_offset)
);
CREATE INDEX dead_letter_status_reason ON dead_letter (status, reason);

-- Each replay of a dead letter: who asked (the caller's subject) and when.
CREATE TABLE dead_letter_replay (
    id             BIGSERIAL PRIMARY KEY,
    dead_letter_id BIGINT      NOT NULL REFERENCES dead_letter (id),
    replayed_by    TEXT        NOT NULL,
    replayed_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX dead_letter_replay_dead_letter ON dead_letter_replay (dead_letter_id);
