-- Shared by every service (added to Flyway's locations by nqpf-messaging), created in the service's own schema.

-- Transactional outbox: a row is written in the same transaction as the state change it announces,
-- and relayed to Kafka afterwards. Rows are deleted once the broker has acknowledged them (acks=all).
CREATE TABLE outbox_event (
    id           BIGSERIAL PRIMARY KEY,
    topic        TEXT        NOT NULL,
    record_key   TEXT,
    event_id     TEXT        NOT NULL,
    event_type   TEXT        NOT NULL,
    headers      JSONB       NOT NULL,
    payload      BYTEA       NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Idempotent consumers: one row per (consumer, CloudEvent id) already applied.
CREATE TABLE processed_event (
    consumer     TEXT        NOT NULL,
    event_id     TEXT        NOT NULL,
    processed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
