-- API keys for machine feeds that cannot do OAuth2 (docs/SECURITY.md). Only a SHA-256 of the secret is kept: the
-- key is shown once, when it is created or rotated, and a stolen table cannot be replayed against the API.
-- A key acts as FEED under its source. Revoked keys stay listed, for the audit trail.
CREATE TABLE api_key (
    id            text PRIMARY KEY,
    name          text NOT NULL,
    source        text NOT NULL,
    secret_sha256 bytea NOT NULL,
    created_by    text NOT NULL,
    created_at    timestamptz NOT NULL,
    rotated_at    timestamptz,
    revoked_at    timestamptz,
    last_used_at  timestamptz
);
