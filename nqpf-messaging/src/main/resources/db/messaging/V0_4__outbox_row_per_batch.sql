-- One outbox row per batch of events for one topic, each attribute an array in the batch's order, instead of one row
-- per event. A feed's batch of 2,000 observations cost 2,000 rows written, read and deleted, each with its index
-- entry: the outbox was over a third of indicator-service's database time on the ingest path (BENCHMARKS.md, "Ingest
-- against its own floor"). As arrays it is one row, its payloads stored out of line.
ALTER TABLE outbox_event RENAME COLUMN record_key TO record_keys;
ALTER TABLE outbox_event RENAME COLUMN event_id TO event_ids;
ALTER TABLE outbox_event RENAME COLUMN event_type TO event_types;
ALTER TABLE outbox_event RENAME COLUMN source TO sources;
ALTER TABLE outbox_event RENAME COLUMN subject TO subjects;
ALTER TABLE outbox_event RENAME COLUMN event_time TO event_times;
ALTER TABLE outbox_event RENAME COLUMN data_content_type TO data_content_types;
ALTER TABLE outbox_event RENAME COLUMN payload TO payloads;

-- Rows waiting at the upgrade become batches of one.
ALTER TABLE outbox_event
    ALTER COLUMN record_keys TYPE TEXT[] USING ARRAY[record_keys],
    ALTER COLUMN event_ids TYPE TEXT[] USING ARRAY[event_ids],
    ALTER COLUMN event_types TYPE TEXT[] USING ARRAY[event_types],
    ALTER COLUMN sources TYPE TEXT[] USING ARRAY[sources],
    ALTER COLUMN subjects TYPE TEXT[] USING ARRAY[subjects],
    ALTER COLUMN event_times TYPE TIMESTAMPTZ[] USING ARRAY[event_times],
    ALTER COLUMN data_content_types TYPE TEXT[] USING ARRAY[data_content_types],
    -- each element the event's extension attributes by name, or null when it has none
    ALTER COLUMN extensions TYPE JSONB[] USING ARRAY[extensions],
    ALTER COLUMN payloads TYPE BYTEA[] USING ARRAY[payloads],
    -- how many events the row holds: the relay sizes its batch by it without reading the arrays
    ADD COLUMN events INT NOT NULL DEFAULT 1 CHECK (events > 0);
ALTER TABLE outbox_event ALTER COLUMN events DROP DEFAULT;

-- Payloads are JSON the producer sends as they are: stored out of line uncompressed, compressing a batch of them cost
-- more CPU on each insert than it saved.
ALTER TABLE outbox_event ALTER COLUMN payloads SET STORAGE EXTERNAL;

-- A row that can never be sent is now one event of a batch: parked by the outbox row's id and its place in the row.
ALTER TABLE outbox_parked ADD COLUMN position INT NOT NULL DEFAULT 1;
ALTER TABLE outbox_parked DROP CONSTRAINT outbox_parked_pkey;
ALTER TABLE outbox_parked ADD PRIMARY KEY (id, position);
