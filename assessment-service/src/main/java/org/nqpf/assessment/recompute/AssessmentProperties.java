package org.nqpf.assessment.recompute;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param recomputeInterval pause between recompute rounds: the window in which a burst of observations coalesces
 * @param recomputeBatch    cohort-periods recomputed per round at most
 */
@ConfigurationProperties("nqpf.assessment")
public record AssessmentProperties(@DefaultValue("300ms") Duration recomputeInterval,
        @DefaultValue("200") int recomputeBatch) {
}
