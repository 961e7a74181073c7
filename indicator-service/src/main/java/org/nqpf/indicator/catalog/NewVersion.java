package org.nqpf.indicator.catalog;

import java.util.List;

/**
 * The body of {@code POST /api/v1/frameworks/{code}/versions}, every field optional. The new version starts as a
 * copy of version {@code from} (the latest when absent); given {@code indicators} replace the copied list in full,
 * given names or description replace the copied ones. It is a draft: edit it with PUT, then publish it.
 */
public record NewVersion(Integer from, String nameEn, String nameZh, String description,
        List<FrameworkDraft.IndicatorDraft> indicators) {
}
