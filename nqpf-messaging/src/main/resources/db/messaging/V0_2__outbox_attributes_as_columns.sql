-- Each outbox row keeps its CloudEvent's attributes as plain columns; the relay has the CloudEvents SDK map them
-- onto Kafka headers when it publishes. A JSONB document of headers per row cost a parse on every insert and a
-- JSON round trip per event in the relay, on the busiest path of the platform.
ALTER TABLE outbox_event
    ADD COLUMN source            TEXT,
    ADD COLUMN subject           TEXT,
    ADD COLUMN event_time        TIMESTAMPTZ,
    ADD COLUMN data_content_type TEXT,
    -- extension attributes, by name, when an event has any (none of the platform's own events do)
    ADD COLUMN extensions        JSONB;

UPDATE outbox_event
SET source            = headers ->> 'ce_source',
    subject           = headers ->> 'ce_subject',
    event_time        = (headers ->> 'ce_time')::timestamptz,
    data_content_type = headers ->> 'content-type';

ALTER TABLE outbox_event ALTER COLUMN source SET NOT NULL;
ALTER TABLE outbox_event DROP COLUMN headers;
