-- Cohort-periods waiting to be planned. Planning is coalesced: each assessment marks its key and pushes due_at a
-- quiet period ahead, so a cohort whose events arrive one by one is planned once, after the last; never further than
-- a longest wait after the first mark (marked_at), so a steady stream still gets planned. The generation grows with
-- every mark: the worker deletes a mark only if no assessment marked it again while it planned.
CREATE TABLE planning_due (
    cohort         TEXT        NOT NULL,
    framework_code TEXT        NOT NULL,
    period         TEXT        NOT NULL,
    marked_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    due_at         TIMESTAMPTZ NOT NULL,
    generation     BIGINT      NOT NULL DEFAULT 1,
    PRIMARY KEY (cohort, framework_code, period)
);

CREATE INDEX planning_due_at ON planning_due (due_at);
