package org.nqpf.roadmap.library;

import java.util.List;

/**
 * An action as a client writes it (and as {@code library/nqpf-ai-v1.json} holds it): names of enum values are plain
 * strings, so that an unknown one is answered by {@link LibraryRules} with its JSON path, among every other mistake
 * of the body, rather than by the parser with the first only.
 */
public record ActionDraft(String code, String titleEn, String titleZh, String system, List<EffectDraft> indicators,
        String mechanism, String leadActor, List<String> supportingActors, String instrument, Integer horizonYears,
        List<String> prerequisites, String effort, List<String> entityKinds, List<LibraryAction.Source> sources) {

    public record EffectDraft(String code, Integer direction, Double low, Double high, BasisDraft basis) {
    }

    public record BasisDraft(String kind, String note, String reference) {
    }

    /** The draft that reads back as {@code action}: what a copy of a version starts from. */
    static ActionDraft of(LibraryAction a) {
        return new ActionDraft(a.code(), a.titleEn(), a.titleZh(), a.system().name(),
                a.indicators().stream().map(i -> new EffectDraft(i.code(), i.direction(), i.low(), i.high(),
                        new BasisDraft(i.basis().kind().name(), i.basis().note(), i.basis().reference()))).toList(),
                a.mechanism().name(), a.leadActor().name(), a.supportingActors().stream().map(Enum::name).toList(),
                a.instrument(), a.horizonYears(), a.prerequisites(), a.effort().name(),
                a.entityKinds().stream().map(Enum::name).sorted().toList(), a.sources());
    }
}
