-- The feed event (CloudEvent id) that brought each revision: provenance, and the feed's idempotency at the cost of
-- one index entry, where a separate inbox row per event cost a row and an index entry more. Events that stored
-- nothing (equal to the current value) are still remembered in processed_event.
ALTER TABLE observation_revision ADD COLUMN event_id TEXT;
CREATE UNIQUE INDEX observation_revision_event ON observation_revision (event_id) WHERE event_id IS NOT NULL;
