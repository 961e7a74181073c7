-- Versions are counted per entity, cohort and framework: an entity assessed in two cohorts or frameworks keeps one
-- roadmap in each instead of overwriting its own. Every roadmap before this was built from an NQPF-AI assessment.
ALTER TABLE roadmap ADD COLUMN framework_code TEXT NOT NULL DEFAULT 'NQPF-AI';
ALTER TABLE roadmap ALTER COLUMN framework_code DROP DEFAULT;
-- Old rows' versions were unique per entity, so they are unique per key as well.
ALTER TABLE roadmap DROP CONSTRAINT roadmap_entity_id_version_key;
ALTER TABLE roadmap ADD CONSTRAINT roadmap_key_version UNIQUE (entity_id, cohort, framework_code, version);

-- The whole plan (Plan: strategy, targets, actions, projections, progress) beside its version metadata; null for
-- rows stored before plans existed, which keep their old action list in actions. content_digest of new rows is
-- Planner.digest: equal digests, the same plan.
ALTER TABLE roadmap ADD COLUMN plan JSONB;
ALTER TABLE roadmap ALTER COLUMN actions DROP NOT NULL;
ALTER TABLE roadmap ADD CONSTRAINT roadmap_plan_or_actions CHECK (plan IS NOT NULL OR actions IS NOT NULL);
