-- The assessments roadmaps are planned from, as this service received them: assessment-service announces only the
-- entities whose result changed, so a cohort's peers must be kept here to plan any one member against them. One row
-- per entity, cohort, framework and period: the newest computedAt wins (the listener's upsert), earlier periods stay
-- as the entity's history (trends, milestone progress).
CREATE TABLE assessment (
    cohort         TEXT        NOT NULL,
    framework_code TEXT        NOT NULL,
    period         TEXT        NOT NULL,
    entity_id      TEXT        NOT NULL,
    assessment_id  TEXT        NOT NULL,
    computed_at    TIMESTAMPTZ NOT NULL,
    entity_kind    TEXT        NOT NULL,
    -- the AssessmentComputed payload as received (with the configured kind when it named none)
    body           JSONB       NOT NULL,
    PRIMARY KEY (cohort, framework_code, period, entity_id)
);

-- The API finds an entity's keys, and the planner its history, by entity.
CREATE INDEX assessment_entity ON assessment (entity_id, cohort, framework_code, period);
