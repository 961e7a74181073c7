-- When the source says a figure was published or revised (CloudEvents ce_time, a batch's revisedAt). A revision
-- that is older by this clock than the current value arrives late: it is kept in history, never made current.
ALTER TABLE observation ADD COLUMN source_time TIMESTAMPTZ;
ALTER TABLE observation ADD COLUMN revisions INT;
UPDATE observation SET revisions = revision;
ALTER TABLE observation ALTER COLUMN revisions SET NOT NULL;

ALTER TABLE observation_revision ADD COLUMN source_time TIMESTAMPTZ;
ALTER TABLE observation_revision ADD COLUMN superseded BOOLEAN NOT NULL DEFAULT false;
CREATE INDEX observation_revision_received ON observation_revision (observation_id, received_at);

-- HTTP batches by Idempotency-Key: a resent batch is answered as the first was, and stores nothing new.
CREATE TABLE http_batch (
    idempotency_key TEXT        PRIMARY KEY,
    request_sha256  TEXT        NOT NULL,
    status          INT         NOT NULL,
    response        JSONB       NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
