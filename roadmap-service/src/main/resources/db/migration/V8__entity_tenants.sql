-- Who may see which entity (docs/SECURITY.md): a portal sees only its tenant's entities, and the tenant is the
-- registry's to say, not each observation's. indicator-service announces every entity after each change on
-- nqpf.entities.v1 (EntityChanged, compacted); this is the latest of each, the highest revision winning. The names are
-- kept so that an answer can leave out the names of entities the caller may not see, as well as their ids.
CREATE TABLE entity_tenant (
    entity_id  TEXT PRIMARY KEY,
    -- null: the entity belongs to no tenant, and no portal sees it
    tenant     TEXT,
    name_en    TEXT,
    name_zh    TEXT,
    revision   BIGINT      NOT NULL,
    changed_at TIMESTAMPTZ
);

CREATE INDEX entity_tenant_tenant ON entity_tenant (tenant);
