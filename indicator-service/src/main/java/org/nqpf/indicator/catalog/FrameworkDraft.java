package org.nqpf.indicator.catalog;

import java.util.List;

/**
 * The content of a framework version as a client writes it: for {@code POST /api/v1/frameworks} (code required) and
 * {@code PUT /api/v1/frameworks/{code}/versions/{v}} (code optional, must match the path). Enumerations and numbers
 * are taken loosely typed so that a wrong value is reported by {@link FrameworkRules} naming its field rather than
 * as an unreadable body.
 */
public record FrameworkDraft(String code, String nameEn, String nameZh, String description,
        List<IndicatorDraft> indicators) {

    /**
     * One indicator as a client writes it; see {@link Indicator} for the meaning of each field.
     *
     * @param subDimensions optional: the sub-dimensions between its dimension and itself, top first, e.g.
     *                      {@code ["DIGITAL_TALENT"]} (indicator → sub-dimension → dimension → overall)
     */
    public record IndicatorDraft(String code, String nameEn, String nameZh, String dimension, String subsystem,
            String mechanism, String unit, Double direction, Double minValue, Double maxValue, Double target,
            String origin, String rationale, List<String> subDimensions) {

        public IndicatorDraft(String code, String nameEn, String nameZh, String dimension, String subsystem,
                String mechanism, String unit, Double direction, Double minValue, Double maxValue, Double target,
                String origin, String rationale) {
            this(code, nameEn, nameZh, dimension, subsystem, mechanism, unit, direction, minValue, maxValue, target,
                    origin, rationale, null);
        }
    }
}
