-- A new observation's foreign key to its entity locked the entity row (FOR KEY SHARE) for every row inserted. Feeds
-- write many observations of few entities from several consumers at once, so those locks piled up as multixacts on
-- the same few entity rows, and each one dirtied the entity's page. What the key guaranteed holds without it:
-- Ingestion validates every row's entity against the registry before storing it, and entities are never deleted.
ALTER TABLE observation DROP CONSTRAINT observation_entity_id_fkey;
