package org.nqpf.indicator.apikeys;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * An API key as operators see it: never its secret. {@code key} is present once, in the answer that created or
 * rotated it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiKey(String id, String name, String source, String createdBy, Instant createdAt, Instant rotatedAt,
        Instant revokedAt, Instant lastUsedAt, String key) {

    public boolean revoked() {
        return revokedAt != null;
    }

    ApiKey withKey(String shownOnce) {
        return new ApiKey(id, name, source, createdBy, createdAt, rotatedAt, revokedAt, lastUsedAt, shownOnce);
    }
}
