-- The indicator catalog: frameworks in immutable versions, each a hierarchy of indicators under the paper's
-- four dimensions and two subsystems.
CREATE TABLE framework (
    code         TEXT        NOT NULL,
    version      INT         NOT NULL,
    name_en      TEXT        NOT NULL,
    name_zh      TEXT,
    description  TEXT,
    is_default   BOOLEAN     NOT NULL DEFAULT false,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (code, version)
);
CREATE UNIQUE INDEX framework_one_default ON framework (is_default) WHERE is_default;

CREATE TABLE indicator (
    framework_code    TEXT             NOT NULL,
    framework_version INT              NOT NULL,
    code              TEXT             NOT NULL,
    name_en           TEXT             NOT NULL,
    name_zh           TEXT             NOT NULL,
    dimension         TEXT             NOT NULL CHECK (dimension IN ('LABORERS', 'MEANS_OF_LABOR', 'OBJECTS_OF_LABOR', 'OPTIMIZED_COMBINATION')),
    subsystem         TEXT             NOT NULL CHECK (subsystem IN ('AI', 'NQPF')),
    mechanism         TEXT             NOT NULL CHECK (mechanism IN ('ELEMENT_SUPPLY', 'STRUCTURAL_EMBEDDING', 'FUNCTIONAL_COMBINATION')),
    unit              TEXT             NOT NULL,
    direction         SMALLINT         NOT NULL CHECK (direction IN (1, -1)),
    min_value         DOUBLE PRECISION,
    max_value         DOUBLE PRECISION,
    target            DOUBLE PRECISION,
    origin            TEXT             NOT NULL,
    rationale         TEXT             NOT NULL,
    PRIMARY KEY (framework_code, framework_version, code),
    FOREIGN KEY (framework_code, framework_version) REFERENCES framework (code, version)
);

-- Who is assessed: regions (GB/T 2260), industries (GB/T 4754), enterprises, in a hierarchy.
CREATE TABLE entity (
    id          TEXT        PRIMARY KEY,
    kind        TEXT        NOT NULL CHECK (kind IN ('REGION', 'INDUSTRY', 'ENTERPRISE')),
    code        TEXT        NOT NULL,
    name_en     TEXT        NOT NULL,
    name_zh     TEXT,
    parent_id   TEXT        REFERENCES entity (id),
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (kind, code)
);

-- Named peer sets: whom an entity is compared with.
CREATE TABLE cohort (
    code        TEXT PRIMARY KEY,
    name_en     TEXT NOT NULL,
    name_zh     TEXT,
    description TEXT
);

CREATE TABLE cohort_member (
    cohort_code TEXT NOT NULL REFERENCES cohort (code),
    entity_id   TEXT NOT NULL REFERENCES entity (id),
    PRIMARY KEY (cohort_code, entity_id)
);
CREATE INDEX cohort_member_entity ON cohort_member (entity_id);

-- The current view: one row per (entity, indicator, period), pointing at its newest revision.
CREATE TABLE observation (
    id            UUID             PRIMARY KEY,
    entity_id     TEXT             NOT NULL REFERENCES entity (id),
    indicator     TEXT             NOT NULL,
    period        TEXT             NOT NULL,
    value         DOUBLE PRECISION,
    deleted       BOOLEAN          NOT NULL DEFAULT false,
    revision      INT              NOT NULL,
    source        TEXT             NOT NULL,
    channel       TEXT             NOT NULL,
    received_at   TIMESTAMPTZ      NOT NULL,
    UNIQUE (entity_id, indicator, period)
);
CREATE INDEX observation_indicator_period ON observation (indicator, period);

-- Every accepted revision, never updated: the history and provenance of each value.
CREATE TABLE observation_revision (
    observation_id UUID             NOT NULL REFERENCES observation (id),
    revision       INT              NOT NULL,
    value          DOUBLE PRECISION,
    deleted        BOOLEAN          NOT NULL,
    source         TEXT             NOT NULL,
    channel        TEXT             NOT NULL,
    received_at    TIMESTAMPTZ      NOT NULL,
    PRIMARY KEY (observation_id, revision)
);
