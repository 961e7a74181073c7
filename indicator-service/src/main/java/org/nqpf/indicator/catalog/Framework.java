package org.nqpf.indicator.catalog;

import java.time.Instant;
import java.util.List;

/**
 * A framework version: the indicators, under the paper's four dimensions and two subsystems, that observations are
 * validated against and assessments are computed on.
 *
 * @param status      {@code DRAFT} (editable) or {@code PUBLISHED} (immutable: a change makes a new version)
 * @param isDefault   the version ingestion validates against; always a published one
 * @param publishedAt when it became immutable, or null while a draft
 */
public record Framework(String code, int version, String nameEn, String nameZh, String description, Status status,
        boolean isDefault, Instant createdAt, Instant publishedAt, List<Indicator> indicators) {

    public enum Status {
        DRAFT, PUBLISHED
    }

    /** Published versions are immutable; the default is always published. */
    public boolean immutable() {
        return status == Status.PUBLISHED || isDefault;
    }
}
