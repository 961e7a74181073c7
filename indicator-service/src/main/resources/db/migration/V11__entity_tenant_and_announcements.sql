-- Issue 10, roles and tenants. An entity may belong to a tenant (an enterprise group, a region's administration):
-- a PORTAL of that tenant sees it, a PORTAL of any other tenant does not (docs/SECURITY.md). NULL: no tenant, so no
-- portal sees it. The pattern is EntityChanged's (org.nqpf.entity.changed.v1.json).
--
-- Every change of an entity is announced as EntityChanged on nqpf.entities.v1, through the outbox, so the other
-- services learn who belongs to which tenant from the registry. `revision` counts the entity's changes (what the
-- event carries: a consumer keeps the highest); `announced_revision` is the revision last written to the outbox.
-- Entities from before this version start at revision 1, announced 0: indicator-service announces every entity
-- whose revision is ahead of its announcement once at start (EntityAnnouncements), so those are announced too.
ALTER TABLE entity
    ADD COLUMN tenant             TEXT CHECK (tenant ~ '^[a-z0-9][a-z0-9-]{0,63}$'),
    ADD COLUMN revision           BIGINT NOT NULL DEFAULT 1 CHECK (revision >= 1),
    ADD COLUMN announced_revision BIGINT NOT NULL DEFAULT 0;

CREATE INDEX entity_tenant ON entity (tenant);
CREATE INDEX entity_unannounced ON entity (id) WHERE announced_revision < revision;

-- An import job keeps who submitted it and, for a FEED, the source its rows must carry: the job runs in the
-- background (and after a restart) with the rules of its submitter, and a FEED reads only its own source's jobs.
-- Jobs from before this version: submitted by a steward, any source.
ALTER TABLE import_job
    ADD COLUMN submitted_by TEXT,
    ADD COLUMN source       TEXT;
