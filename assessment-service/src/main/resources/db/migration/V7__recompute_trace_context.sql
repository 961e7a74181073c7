-- The W3C trace context of the latest change that marked the cohort-period (traceparent and tracestate, as the
-- CloudEvents Distributed Tracing extension names them, and the baggage carrying the correlation id): the worker
-- recomputes in that trace, so the assessment events and the roadmaps that follow share the observation's trace id.
ALTER TABLE dirty_cohort_period
    ADD COLUMN traceparent TEXT,
    ADD COLUMN tracestate  TEXT,
    ADD COLUMN baggage     TEXT;
