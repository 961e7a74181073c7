-- The roadmap's method profile per framework (PlanningProfile: ranking weights, target strategy, frontier), in
-- versions: a plan names the profile version it was planned with, so older ones are kept. No row: the defaults.
CREATE TABLE method_profile (
    framework_code TEXT        NOT NULL,
    version        INTEGER     NOT NULL CHECK (version >= 1),
    profile        JSONB       NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (framework_code, version)
);
