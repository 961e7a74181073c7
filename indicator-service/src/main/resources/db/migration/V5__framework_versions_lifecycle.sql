-- Framework versions get a lifecycle: a DRAFT can be edited; once PUBLISHED it never changes (a change makes a new
-- version), and only a published version can become the default that ingestion validates against.
ALTER TABLE framework ADD COLUMN status       TEXT        NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT', 'PUBLISHED'));
ALTER TABLE framework ADD COLUMN published_at TIMESTAMPTZ;
ALTER TABLE framework ADD COLUMN updated_at   TIMESTAMPTZ NOT NULL DEFAULT now();

-- Everything that exists already has been used (the seed is the default): it is published as it stands.
UPDATE framework SET status = 'PUBLISHED', published_at = created_at, updated_at = created_at;

ALTER TABLE framework ADD CONSTRAINT framework_default_is_published CHECK (NOT is_default OR status = 'PUBLISHED');
ALTER TABLE framework ADD CONSTRAINT framework_published_when CHECK ((status = 'PUBLISHED') = (published_at IS NOT NULL));

-- Where an indicator's values come from and why it sits in its dimension are documentation, not required input.
ALTER TABLE indicator ALTER COLUMN origin DROP NOT NULL;
ALTER TABLE indicator ALTER COLUMN rationale DROP NOT NULL;
ALTER TABLE indicator ADD CONSTRAINT indicator_range CHECK (min_value IS NULL OR max_value IS NULL OR min_value <= max_value);
ALTER TABLE indicator ADD CONSTRAINT indicator_target_in_range
    CHECK (target IS NULL OR ((min_value IS NULL OR target >= min_value) AND (max_value IS NULL OR target <= max_value)));

-- The database refuses to change a published version too, whoever writes: the API checks first and says why,
-- this guards against any other path (a script, a bug) silently rewriting what observations were validated against.
CREATE FUNCTION framework_published_is_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.status = 'PUBLISHED' THEN
            RAISE EXCEPTION 'framework % v% is published and immutable', OLD.code, OLD.version USING ERRCODE = 'check_violation';
        END IF;
        RETURN OLD;
    END IF;
    IF OLD.status = 'PUBLISHED' AND (NEW.status <> 'PUBLISHED' OR NEW.code <> OLD.code OR NEW.version <> OLD.version
            OR NEW.name_en IS DISTINCT FROM OLD.name_en OR NEW.name_zh IS DISTINCT FROM OLD.name_zh
            OR NEW.description IS DISTINCT FROM OLD.description OR NEW.published_at IS DISTINCT FROM OLD.published_at) THEN
        RAISE EXCEPTION 'framework % v% is published and immutable', OLD.code, OLD.version USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER framework_immutable BEFORE UPDATE OR DELETE ON framework
    FOR EACH ROW EXECUTE FUNCTION framework_published_is_immutable();

CREATE FUNCTION indicator_of_published_is_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    r RECORD;
BEGIN
    IF TG_OP = 'INSERT' THEN r := NEW; ELSE r := OLD; END IF;
    IF EXISTS (SELECT 1 FROM framework f WHERE f.code = r.framework_code AND f.version = r.framework_version
               AND f.status = 'PUBLISHED') THEN
        RAISE EXCEPTION 'framework % v% is published and immutable', r.framework_code, r.framework_version
            USING ERRCODE = 'check_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER indicator_immutable BEFORE INSERT OR UPDATE OR DELETE ON indicator
    FOR EACH ROW EXECUTE FUNCTION indicator_of_published_is_immutable();

-- Entity hierarchy and paging: children by parent, pages by id.
CREATE INDEX entity_parent ON entity (parent_id);
