package org.nqpf.roadmap.library;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nqpf.contracts.Dimension;
import org.nqpf.contracts.Subsystem;
import org.nqpf.roadmap.library.ActionDraft.BasisDraft;
import org.nqpf.roadmap.library.ActionDraft.EffectDraft;
import org.nqpf.roadmap.library.FrameworkIndicators.Known;

/** NQPF-AI v1 as the catalog seeds it, and drafts to bend in tests. */
final class LibraryFixtures {

    private LibraryFixtures() {
    }

    /** The 30 indicators of NQPF-AI v1, read from indicator-service's own seed: the catalog, not a copy of it. */
    static Known nqpfAiV1() {
        try {
            String seed = Files.readString(Path.of("../indicator-service/src/main/resources/db/migration/"
                    + "V2__seed_default_framework.sql"));
            Matcher m = Pattern.compile("\\('NQPF-AI', 1, '([A-Z0-9_]+)', '[^']*', '[^']*', '([A-Z_]+)', '(AI|NQPF)'")
                    .matcher(seed);
            Map<String, Known.Indicator> indicators = new LinkedHashMap<>();
            while (m.find()) {
                indicators.put(m.group(1), new Known.Indicator(m.group(1), Dimension.valueOf(m.group(2)),
                        Subsystem.valueOf(m.group(3))));
            }
            return new Known("NQPF-AI", Map.copyOf(indicators));
        }
        catch (IOException e) {
            throw new IllegalStateException("indicator-service's seed is read from the reactor's source tree", e);
        }
    }

    static EffectDraft effect(String code, double low, double high) {
        return new EffectDraft(code, 1, low, high, new BasisDraft("EXPERT_JUDGEMENT", "a judgement", null));
    }

    static ActionDraft draft(String code, String... prerequisites) {
        return new ActionDraft(code, "Title of " + code, "标题 " + code, "OPEN_TECH_INNOVATION",
                List.of(effect("RD_INTENSITY", 1, 2)), "ELEMENT_SUPPLY", "GOVERNMENT", List.of("ENTERPRISE"),
                "INNOVATION_MECHANISM", 2, List.of(prerequisites), "MEDIUM", List.of("REGION"),
                List.of(new LibraryAction.Source("Opinions of the State Council on Deepening the Implementation of "
                        + "the \"AI+\" Action", null, "State Council", 2025, null)));
    }
}
