package org.nqpf.indicator.entity;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.util.List;

/**
 * What is assessed: a region (GB/T 2260 code), an industry (GB/T 4754 code) or an enterprise.
 *
 * @param cohorts the peer sets it is compared within
 */
public record Entity(
        @NotBlank @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}", message = "letters, digits, '.', '_' or '-', at most 64") String id,
        @NotBlank @Pattern(regexp = "REGION|INDUSTRY|ENTERPRISE", message = "one of REGION, INDUSTRY, ENTERPRISE") String kind,
        @NotBlank String code,
        @NotBlank String nameEn,
        String nameZh,
        String parentId,
        List<String> cohorts) {

    public Entity {
        cohorts = cohorts == null ? List.of() : List.copyOf(cohorts);
    }
}
