-- A cohort-period whose recompute fails (say, a profile whose judgements do not cover an indicator the cohort has)
-- waits with a growing delay instead of heading the queue forever, and says why to the operator.
ALTER TABLE dirty_cohort_period
    ADD COLUMN attempts   INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN last_error TEXT,
    ADD COLUMN retry_at   TIMESTAMPTZ;
