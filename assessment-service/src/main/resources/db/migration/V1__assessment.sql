-- assessment-service's own projection of the observations it consumes, and its results.

-- The current value of each (framework, entity, indicator, period), with the indicator's place in the framework as
-- the event carried it. A deleted observation stays as a tombstone (value NULL) so a late, older revision cannot
-- bring it back.
CREATE TABLE observation_value (
    framework_code    TEXT             NOT NULL,
    entity_id         TEXT             NOT NULL,
    indicator         TEXT             NOT NULL,
    period            TEXT             NOT NULL,
    framework_version INT              NOT NULL,
    dimension         TEXT             NOT NULL,
    subsystem         TEXT             NOT NULL,
    direction         SMALLINT         NOT NULL,
    value             DOUBLE PRECISION,
    revision          INT              NOT NULL,
    recorded_at       TIMESTAMPTZ      NOT NULL,
    PRIMARY KEY (framework_code, entity_id, indicator, period)
);
CREATE INDEX observation_value_period ON observation_value (framework_code, period, entity_id);

-- The cohorts each entity belongs to, as its newest observation event said (first = its default cohort).
CREATE TABLE entity_cohorts (
    entity_id   TEXT        PRIMARY KEY,
    cohorts     TEXT[]      NOT NULL,
    recorded_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX entity_cohorts_cohort ON entity_cohorts USING GIN (cohorts);

-- (framework, cohort, period) whose inputs changed since their last recompute. Observations only mark; the
-- recompute worker coalesces a burst into one recompute.
CREATE TABLE dirty_cohort_period (
    framework_code TEXT        NOT NULL,
    cohort         TEXT        NOT NULL,
    period         TEXT        NOT NULL,
    marked_at      TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (framework_code, cohort, period)
);

-- The current assessment of each entity in each cohort and period.
CREATE TABLE assessment (
    framework_code    TEXT             NOT NULL,
    cohort            TEXT             NOT NULL,
    period            TEXT             NOT NULL,
    entity_id         TEXT             NOT NULL,
    framework_version INT              NOT NULL,
    assessment_id     TEXT             NOT NULL,
    method            TEXT             NOT NULL,
    input_digest      TEXT             NOT NULL,
    -- SHA-256 of the result without id, digest and time: an unchanged result is neither stored nor published again
    result_digest     TEXT             NOT NULL,
    overall_score     DOUBLE PRECISION NOT NULL,
    rank              INT              NOT NULL,
    cohort_size       INT              NOT NULL,
    result            JSONB            NOT NULL,
    computed_at       TIMESTAMPTZ      NOT NULL,
    PRIMARY KEY (framework_code, cohort, period, entity_id)
);
CREATE INDEX assessment_entity ON assessment (entity_id, period);
CREATE INDEX assessment_ranking ON assessment (cohort, period, rank);
