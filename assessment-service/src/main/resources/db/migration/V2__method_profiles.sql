-- The assessment method of each framework, in versions: a profile (the engine's JSON) is never edited in place; a
-- change is a new version, and the results computed with it say which version they used.
CREATE TABLE method_profile (
    framework_code TEXT        NOT NULL,
    version        INT         NOT NULL,
    profile        JSONB       NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (framework_code, version)
);
