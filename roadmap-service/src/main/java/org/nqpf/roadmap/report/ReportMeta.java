package org.nqpf.roadmap.report;

import java.time.Instant;

/** What a report states about the stored version it renders, beside the plan itself. */
public record ReportMeta(int version, Instant generatedAt, Integer libraryVersion) {
}
