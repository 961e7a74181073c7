package org.nqpf.indicator.catalog;

import java.time.Instant;
import java.util.List;

/**
 * A framework and its versions, without their indicators.
 *
 * @param nameEn         the names and description of the latest version
 * @param defaultVersion the version ingestion validates against, or null when another framework is the default
 */
public record FrameworkSummary(String code, String nameEn, String nameZh, String description, int latestVersion,
        Integer latestPublishedVersion, Integer defaultVersion, List<Version> versions) {

    public record Version(int version, Framework.Status status, boolean isDefault, int indicatorCount,
            Instant createdAt, Instant publishedAt) {
    }
}
