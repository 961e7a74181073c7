-- A job belongs to the process that runs or queued it while that process beats (owner, heartbeat_at); a job whose
-- owner stopped beating is taken over by a process on the same node, so two instances sharing a host and spool
-- directory never run one job twice. Jobs from before this version have no owner: any process of their node may
-- take them, as before.
ALTER TABLE import_job
    ADD COLUMN owner        UUID,
    ADD COLUMN heartbeat_at TIMESTAMPTZ;
CREATE INDEX import_job_unfinished ON import_job (node) WHERE status IN ('QUEUED', 'RUNNING');
