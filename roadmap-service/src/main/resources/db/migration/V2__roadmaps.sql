-- Every roadmap version ever generated; the current roadmap of an entity is its highest version.
-- Versions are only added for an assessment of the newest period, so the highest version is also the newest period.
CREATE TABLE roadmap (
    roadmap_id     TEXT PRIMARY KEY,
    entity_id      TEXT        NOT NULL,
    version        INTEGER     NOT NULL CHECK (version >= 1),
    period         TEXT        NOT NULL,
    cohort         TEXT        NOT NULL,
    assessment_id  TEXT        NOT NULL,
    -- SHA-256 over the period and the planned actions: equal digests, identical roadmaps.
    content_digest TEXT        NOT NULL,
    actions        JSONB       NOT NULL,
    generated_at   TIMESTAMPTZ NOT NULL,
    UNIQUE (entity_id, version)
);
