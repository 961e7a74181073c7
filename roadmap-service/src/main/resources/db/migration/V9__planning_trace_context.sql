-- The W3C trace context of the latest assessment that marked the cohort-period due (traceparent, tracestate and the
-- baggage carrying the correlation id): the worker plans in that trace, so the roadmaps it announces share the trace
-- of the observation that led to them.
ALTER TABLE planning_due
    ADD COLUMN traceparent TEXT,
    ADD COLUMN tracestate  TEXT,
    ADD COLUMN baggage     TEXT;
