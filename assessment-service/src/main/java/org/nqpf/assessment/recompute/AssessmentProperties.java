package org.nqpf.assessment.recompute;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param recomputeInterval pause between recompute rounds: the window in which a burst of observations coalesces
 * @param recomputeBatch    cohort-periods recomputed per round at most
 */
@ConfigurationProperties("nqpf.assessment")
public record AssessmentProperties(Duration recomputeInterval, Integer recomputeBatch) {

    public AssessmentProperties {
        recomputeInterval = recomputeInterval == null ? Duration.ofMillis(300) : recomputeInterval;
        recomputeBatch = recomputeBatch == null ? 200 : recomputeBatch;
    }
}
