-- The action library becomes data in versions, as the indicator catalog's frameworks are: a version is a DRAFT
-- while it is edited and PUBLISHED once roadmaps may be built from it; a published version never changes (a roadmap
-- names the version it was built from, and must still read the same afterwards). Each version covers one framework,
-- whose indicator codes its actions name. Version 1 is seeded at start from library/nqpf-ai-v1.json (LibrarySeed):
-- the 34 actions of the old one-row-per-action table live on there, reshaped to move several indicators each, so
-- the old table goes.
DROP TABLE action;

CREATE TABLE library_version (
    version        INTEGER     PRIMARY KEY CHECK (version >= 1),
    framework_code TEXT        NOT NULL,
    status         TEXT        NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT', 'PUBLISHED')),
    -- the version this one started as a copy of; null for the seed
    based_on       INTEGER     REFERENCES library_version (version),
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    published_at   TIMESTAMPTZ,
    CONSTRAINT library_version_published_when CHECK ((status = 'PUBLISHED') = (published_at IS NOT NULL))
);

-- One action of one version. The definition is the validated action as the API shows it (LibraryAction); system is
-- kept beside it for the API's filter. Rules are checked in LibraryRules, which names the field at fault.
CREATE TABLE library_action (
    library_version INTEGER NOT NULL REFERENCES library_version (version),
    code            TEXT    NOT NULL,
    system          TEXT    NOT NULL,
    definition      JSONB   NOT NULL,
    PRIMARY KEY (library_version, code)
);

-- The database refuses to change a published version too, whoever writes: the API checks first and says why (409),
-- this guards against any other path rewriting what roadmaps were built from.
CREATE FUNCTION library_published_is_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.status = 'PUBLISHED' THEN
            RAISE EXCEPTION 'library version % is published and immutable', OLD.version USING ERRCODE = 'check_violation';
        END IF;
        RETURN OLD;
    END IF;
    IF OLD.status = 'PUBLISHED' AND (NEW.status <> 'PUBLISHED' OR NEW.version <> OLD.version
            OR NEW.framework_code <> OLD.framework_code OR NEW.published_at IS DISTINCT FROM OLD.published_at) THEN
        RAISE EXCEPTION 'library version % is published and immutable', OLD.version USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER library_version_immutable BEFORE UPDATE OR DELETE ON library_version
    FOR EACH ROW EXECUTE FUNCTION library_published_is_immutable();

CREATE FUNCTION library_action_of_published_is_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    v INTEGER;
BEGIN
    IF TG_OP = 'INSERT' THEN v := NEW.library_version; ELSE v := OLD.library_version; END IF;
    IF EXISTS (SELECT 1 FROM library_version WHERE version = v AND status = 'PUBLISHED') THEN
        RAISE EXCEPTION 'library version % is published and immutable', v USING ERRCODE = 'check_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER library_action_immutable BEFORE INSERT OR UPDATE OR DELETE ON library_action
    FOR EACH ROW EXECUTE FUNCTION library_action_of_published_is_immutable();

-- What the service knows of each framework's indicators, to check the codes a library names: the default framework
-- seeded here (indicator-service's V2, docs/FRAMEWORK-DEFAULT.md), and whatever else the AssessmentComputed events
-- it consumes list. The dimension and side classify an action by the indicator it names first.
CREATE TABLE framework_indicator (
    framework_code    TEXT    NOT NULL,
    framework_version INTEGER NOT NULL,
    code              TEXT    NOT NULL,
    dimension         TEXT    NOT NULL,
    subsystem         TEXT,
    PRIMARY KEY (framework_code, framework_version, code)
);

INSERT INTO framework_indicator (framework_code, framework_version, code, dimension, subsystem) VALUES
('NQPF-AI', 1, 'RD_PERSONNEL_DENSITY', 'LABORERS', 'NQPF'),
('NQPF-AI', 1, 'RESEARCHER_DENSITY', 'LABORERS', 'NQPF'),
('NQPF-AI', 1, 'HIGHER_ED_ENROLMENT', 'LABORERS', 'NQPF'),
('NQPF-AI', 1, 'LABOUR_PRODUCTIVITY', 'LABORERS', 'NQPF'),
('NQPF-AI', 1, 'EDUCATION_SPENDING_SHARE', 'LABORERS', 'NQPF'),
('NQPF-AI', 1, 'SCI_PAPER_DENSITY', 'LABORERS', 'NQPF'),
('NQPF-AI', 1, 'AI_SKILLS_TRAINING_COVERAGE', 'LABORERS', 'AI'),
('NQPF-AI', 1, 'SOFTWARE_IT_EMPLOYMENT_SHARE', 'LABORERS', 'AI'),
('NQPF-AI', 1, 'RD_INTENSITY', 'MEANS_OF_LABOR', 'NQPF'),
('NQPF-AI', 1, 'BASIC_RESEARCH_SHARE', 'MEANS_OF_LABOR', 'NQPF'),
('NQPF-AI', 1, 'ENERGY_INTENSITY', 'MEANS_OF_LABOR', 'NQPF'),
('NQPF-AI', 1, 'TELECOM_VOLUME_PER_CAPITA', 'MEANS_OF_LABOR', 'AI'),
('NQPF-AI', 1, 'COMPUTING_POWER_PER_CAPITA', 'MEANS_OF_LABOR', 'AI'),
('NQPF-AI', 1, 'ROBOT_DENSITY', 'MEANS_OF_LABOR', 'AI'),
('NQPF-AI', 1, 'BASE_STATIONS_5G_DENSITY', 'MEANS_OF_LABOR', 'AI'),
('NQPF-AI', 1, 'HIGH_TECH_REVENUE_SHARE', 'OBJECTS_OF_LABOR', 'NQPF'),
('NQPF-AI', 1, 'NEW_PRODUCT_SALES_SHARE', 'OBJECTS_OF_LABOR', 'NQPF'),
('NQPF-AI', 1, 'INDUSTRIAL_UPGRADING', 'OBJECTS_OF_LABOR', 'NQPF'),
('NQPF-AI', 1, 'URBANISATION_RATE', 'OBJECTS_OF_LABOR', 'NQPF'),
('NQPF-AI', 1, 'SOFTWARE_REVENUE_SHARE', 'OBJECTS_OF_LABOR', 'AI'),
('NQPF-AI', 1, 'ECOMMERCE_SALES_PER_CAPITA', 'OBJECTS_OF_LABOR', 'AI'),
('NQPF-AI', 1, 'DATA_TRADING_VOLUME', 'OBJECTS_OF_LABOR', 'AI'),
('NQPF-AI', 1, 'INVENTION_PATENT_DENSITY', 'OPTIMIZED_COMBINATION', 'NQPF'),
('NQPF-AI', 1, 'VALID_INVENTION_PATENT_DENSITY', 'OPTIMIZED_COMBINATION', 'NQPF'),
('NQPF-AI', 1, 'TECH_MARKET_TURNOVER_SHARE', 'OPTIMIZED_COMBINATION', 'NQPF'),
('NQPF-AI', 1, 'ENTERPRISE_RD_FUNDS_SHARE', 'OPTIMIZED_COMBINATION', 'NQPF'),
('NQPF-AI', 1, 'GOV_SCIENCE_SPENDING_SHARE', 'OPTIMIZED_COMBINATION', 'NQPF'),
('NQPF-AI', 1, 'DIGITAL_FINANCE_INDEX', 'OPTIMIZED_COMBINATION', 'AI'),
('NQPF-AI', 1, 'AI_PENETRATION', 'OPTIMIZED_COMBINATION', 'AI'),
('NQPF-AI', 1, 'CLOUD_ADOPTION_RATE', 'OPTIMIZED_COMBINATION', 'AI');

-- A roadmap names the library version it was built from. Roadmaps stored before the library had versions keep
-- null: they were built from the old table, which no version reproduces exactly.
ALTER TABLE roadmap ADD COLUMN library_version INTEGER REFERENCES library_version (version);
