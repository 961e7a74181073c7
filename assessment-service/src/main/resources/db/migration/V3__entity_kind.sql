-- The kind of each entity (REGION, INDUSTRY, ENTERPRISE) as its newest observation event said: assessments carry it
-- so roadmaps pick actions that apply to it.
ALTER TABLE entity_cohorts ADD COLUMN entity_kind TEXT;
