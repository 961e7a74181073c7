-- Import jobs: a file posted to /api/v1/imports, spooled to disk and ingested in chunks in the background.
CREATE TABLE import_job (
    id              UUID        PRIMARY KEY,
    idempotency_key TEXT        UNIQUE,
    status          TEXT        NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED')),
    format          TEXT        NOT NULL,
    content_type    TEXT        NOT NULL,
    -- which instance spooled the file (host and spool directory): only it can run or clean up the job
    node            TEXT        NOT NULL,
    spool_path      TEXT,
    bytes_total     BIGINT      NOT NULL,
    bytes_read      BIGINT      NOT NULL DEFAULT 0,
    rows_done       BIGINT      NOT NULL DEFAULT 0,
    accepted        BIGINT      NOT NULL DEFAULT 0,
    superseded      BIGINT      NOT NULL DEFAULT 0,
    unchanged       BIGINT      NOT NULL DEFAULT 0,
    rejected        BIGINT      NOT NULL DEFAULT 0,
    failure         TEXT,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    started_at      TIMESTAMPTZ,
    finished_at     TIMESTAMPTZ
);
CREATE INDEX import_job_recent ON import_job (created_at DESC);

-- The first rejections of each job (nqpf.imports.max-stored-rejections, 1,000 by default), in file order.
CREATE TABLE import_rejection (
    job_id     UUID   NOT NULL REFERENCES import_job (id) ON DELETE CASCADE,
    seq        INT    NOT NULL,
    row_number BIGINT NOT NULL,
    field      TEXT   NOT NULL,
    detail     TEXT   NOT NULL,
    PRIMARY KEY (job_id, seq)
);
