package org.nqpf.roadmap.library;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.nqpf.contracts.ActionSystem;
import org.nqpf.contracts.Mechanism;
import org.nqpf.roadmap.library.ActionDraft.EffectDraft;
import org.nqpf.roadmap.library.FrameworkIndicators.Known;
import org.nqpf.roadmap.library.LibraryAction.Basis;
import org.nqpf.roadmap.library.LibraryAction.BasisKind;
import org.nqpf.roadmap.library.LibraryAction.Effort;
import org.nqpf.roadmap.library.LibraryAction.IndicatorEffect;
import org.nqpf.roadmap.library.LibraryAction.Source;
import org.nqpf.web.FieldError;

/**
 * The rules an action and a whole library version obey, checked all at once so that a client fixes every mistake in
 * one go; each mistake names its JSON path ({@code actions[3].indicators[0].code}). Pure: what the framework's
 * indicators are is given.
 */
public final class LibraryRules {

    static final int MIN_HORIZON = 1;
    static final int MAX_HORIZON = 15;
    /** A size above 100 % a year is no expectation a planner can use; a typo more likely. */
    static final double MAX_EFFECT = 100;
    static final int MAX_ACTIONS = 1000;
    /** Free text: a source's title, issuer or section as a title; a basis's note or reference a paragraph. */
    static final int MAX_TITLE = 300;
    static final int MAX_NOTE = 2000;
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9-]{1,31}");
    /** As every code an observation carries (indicator-service): frameworks also arrive by events, so no pattern. */
    static final int MAX_FRAMEWORK_CODE = 64;
    private static final Pattern INSTRUMENT = Pattern.compile("[A-Z][A-Z0-9_]{1,63}");

    private LibraryRules() {
    }

    /**
     * A whole version's actions, each under {@code actions[i].}; null when something is wrong (then {@code errors}
     * says what).
     */
    public static List<LibraryAction> actions(List<ActionDraft> drafts, Known known, List<FieldError> errors) {
        if (drafts == null || drafts.isEmpty()) {
            errors.add(new FieldError("actions", "at least one action is required"));
            return null;
        }
        if (drafts.size() > MAX_ACTIONS) {
            errors.add(new FieldError("actions", drafts.size() + " actions; at most " + MAX_ACTIONS));
            return null;
        }
        int before = errors.size();
        List<LibraryAction> actions = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < drafts.size(); i++) {
            String path = "actions[" + i + "].";
            ActionDraft d = drafts.get(i);
            if (d == null) {
                errors.add(new FieldError("actions[" + i + "]", "an action is required, not null"));
                continue;
            }
            LibraryAction a = action(d, path, known, errors);
            if (d.code() != null) {
                Integer first = seen.putIfAbsent(d.code(), i);
                if (first != null) {
                    errors.add(FieldError.rejected(path + "code", d.code() + " is already the code of actions["
                            + first + "]; codes are unique within a library version", d.code()));
                }
            }
            actions.add(a);
        }
        if (errors.size() > before) {
            return null;
        }
        prerequisites(actions, i -> "actions[" + i + "].", errors);
        return errors.size() > before ? null : List.copyOf(actions);
    }

    /**
     * The prerequisites across a version: each names another action of it, and they form no cycle. {@code path}
     * gives the prefix of the action at an index; the cycle is reported on the first action of the list on it.
     */
    public static void prerequisites(List<LibraryAction> actions, Function<Integer, String> path,
            List<FieldError> errors) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < actions.size(); i++) {
            index.put(actions.get(i).code(), i);
        }
        Map<String, List<String>> needs = new LinkedHashMap<>();
        for (int i = 0; i < actions.size(); i++) {
            LibraryAction a = actions.get(i);
            for (int j = 0; j < a.prerequisites().size(); j++) {
                String p = a.prerequisites().get(j);
                if (!index.containsKey(p)) {
                    errors.add(FieldError.rejected(path.apply(i) + "prerequisites[" + j + "]", "no action " + p
                            + " in this library version; a prerequisite names another action of the same version",
                            p));
                }
            }
            needs.put(a.code(), a.prerequisites());
        }
        Optional<List<String>> cycle = PrerequisiteGraph.cycle(needs);
        cycle.ifPresent(c -> errors.add(FieldError.rejected(path.apply(index.get(c.get(0))) + "prerequisites",
                "the prerequisites form a cycle, " + PrerequisiteGraph.describe(c)
                        + "; no action can come first on it", c)));
    }

    /** One action's own fields, under {@code path} ({@code ""} when the body is the action). */
    public static LibraryAction action(ActionDraft d, String path, Known known, List<FieldError> errors) {
        int before = errors.size();
        if (d.code() == null || !CODE.matcher(d.code()).matches()) {
            errors.add(FieldError.rejected(path + "code", "required: 2-32 upper-case letters, digits and '-', "
                    + "starting with a letter (e.g. OTI-LAB-1)", d.code()));
        }
        text(d.titleEn(), path + "titleEn", errors);
        text(d.titleZh(), path + "titleZh", errors);
        ActionSystem system = oneOf(d.system(), ActionSystem.class, path + "system", errors);
        Mechanism mechanism = oneOf(d.mechanism(), Mechanism.class, path + "mechanism", errors);
        Actor lead = oneOf(d.leadActor(), Actor.class, path + "leadActor", errors);
        List<Actor> supporting = supporting(d.supportingActors(), lead, path + "supportingActors", errors);
        if (d.instrument() == null || !INSTRUMENT.matcher(d.instrument()).matches()) {
            errors.add(FieldError.rejected(path + "instrument", "required: an upper-case name such as "
                    + "NATIONAL_STRATEGY, INDUSTRIAL_POLICY, INNOVATION_MECHANISM, FISCAL_INCENTIVE, "
                    + "STANDARD_SETTING, DATA_INFRASTRUCTURE or TALENT_PROGRAMME (an open set)", d.instrument()));
        }
        if (d.horizonYears() == null || d.horizonYears() < MIN_HORIZON || d.horizonYears() > MAX_HORIZON) {
            errors.add(FieldError.rejected(path + "horizonYears", "required: whole years from " + MIN_HORIZON
                    + " to " + MAX_HORIZON, d.horizonYears()));
        }
        Effort effort = oneOf(d.effort(), Effort.class, path + "effort", errors);
        Set<EntityKind> kinds = kinds(d.entityKinds(), path + "entityKinds", errors);
        List<IndicatorEffect> effects = effects(d.indicators(), path + "indicators", known, errors);
        List<String> prerequisites = ownPrerequisites(d, path + "prerequisites", errors);
        List<Source> sources = sources(d.sources(), path + "sources", errors);
        if (errors.size() > before) {
            return null;
        }
        Known.Indicator primary = known.indicators().get(effects.get(0).code());
        return new LibraryAction(d.code(), d.titleEn().trim(), d.titleZh().trim(), system, effects, mechanism, lead,
                supporting, d.instrument(), d.horizonYears(), prerequisites, effort, kinds, sources,
                primary.dimension(), primary.subsystem());
    }

    private static List<IndicatorEffect> effects(List<EffectDraft> drafts, String path, Known known,
            List<FieldError> errors) {
        if (drafts == null || drafts.isEmpty()) {
            errors.add(new FieldError(path, "at least one indicator the action moves is required"));
            return List.of();
        }
        List<IndicatorEffect> effects = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < drafts.size(); i++) {
            String at = path + "[" + i + "].";
            EffectDraft e = drafts.get(i);
            if (e == null) {
                errors.add(new FieldError(path + "[" + i + "]", "an indicator effect is required, not null"));
                continue;
            }
            int before = errors.size();
            if (e.code() == null || !known.indicators().containsKey(e.code())) {
                errors.add(FieldError.rejected(at + "code", e.code() == null ? "required"
                        : "no indicator " + e.code() + " in framework " + known.frameworkCode()
                                + (known.indicators().isEmpty() ? " (no indicators of it are known)"
                                        : "; GET /api/v1/indicators?framework=" + known.frameworkCode()
                                                + " lists them"),
                        e.code()));
            }
            else if (!seen.add(e.code())) {
                errors.add(FieldError.rejected(at + "code", e.code() + " is listed twice; give one effect per "
                        + "indicator", e.code()));
            }
            if (e.direction() == null || (e.direction() != 1 && e.direction() != -1)) {
                errors.add(FieldError.rejected(at + "direction", "required: 1 (raises the indicator's value) or -1 "
                        + "(lowers it)", e.direction()));
            }
            boolean low = size(e.low(), at + "low", errors);
            boolean high = size(e.high(), at + "high", errors);
            if (low && high && e.low() > e.high()) {
                errors.add(FieldError.rejected(at + "low", "the low effect " + e.low() + " exceeds the high effect "
                        + e.high() + "; low <= high (the direction carries the sign)", e.low()));
            }
            Basis basis = basis(e.basis(), at + "basis", errors);
            if (errors.size() == before) {
                effects.add(new IndicatorEffect(e.code(), e.direction(), e.low(), e.high(), basis));
            }
        }
        return effects;
    }

    private static boolean size(Double value, String field, List<FieldError> errors) {
        if (value == null || !Double.isFinite(value) || value < 0 || value > MAX_EFFECT) {
            errors.add(FieldError.rejected(field, "required: a size in percent change of the indicator per year, "
                    + "from 0 to " + (int) MAX_EFFECT + " (the direction carries the sign)", value));
            return false;
        }
        return true;
    }

    private static Basis basis(ActionDraft.BasisDraft b, String path, List<FieldError> errors) {
        if (b == null) {
            errors.add(new FieldError(path, "required: where the expectation comes from (kind EXPERT_JUDGEMENT, "
                    + "POLICY_TARGET, STUDY or EVALUATION)"));
            return null;
        }
        BasisKind kind = oneOf(b.kind(), BasisKind.class, path + ".kind", errors);
        if ((kind == BasisKind.STUDY || kind == BasisKind.EVALUATION) && blank(b.reference())) {
            errors.add(new FieldError(path + ".reference", "required for a " + kind + ": the work that measured "
                    + "the effect; a size without one is an EXPERT_JUDGEMENT"));
        }
        length(b.note(), path + ".note", MAX_NOTE, errors);
        length(b.reference(), path + ".reference", MAX_NOTE, errors);
        return kind == null ? null : new Basis(kind, trimmed(b.note()), trimmed(b.reference()));
    }

    private static List<String> ownPrerequisites(ActionDraft d, String path, List<FieldError> errors) {
        if (d.prerequisites() == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < d.prerequisites().size(); i++) {
            String p = d.prerequisites().get(i);
            if (blank(p)) {
                errors.add(new FieldError(path + "[" + i + "]", "an action code is required"));
            }
            else if (p.equals(d.code())) {
                errors.add(FieldError.rejected(path + "[" + i + "]", "an action cannot be its own prerequisite", p));
            }
            else if (out.contains(p)) {
                errors.add(FieldError.rejected(path + "[" + i + "]", p + " is listed twice", p));
            }
            else {
                out.add(p);
            }
        }
        return out;
    }

    private static List<Actor> supporting(List<String> names, Actor lead, String path, List<FieldError> errors) {
        if (names == null) {
            return List.of();
        }
        List<Actor> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            Actor a = oneOf(names.get(i), Actor.class, path + "[" + i + "]", errors);
            if (a == null) {
                continue;
            }
            if (a == lead) {
                errors.add(FieldError.rejected(path + "[" + i + "]", a + " is the lead actor already", a.name()));
            }
            else if (out.contains(a)) {
                errors.add(FieldError.rejected(path + "[" + i + "]", a + " is listed twice", a.name()));
            }
            else {
                out.add(a);
            }
        }
        return out;
    }

    private static Set<EntityKind> kinds(List<String> names, String path, List<FieldError> errors) {
        if (names == null || names.isEmpty()) {
            errors.add(new FieldError(path, "at least one of " + names(EntityKind.class) + " is required"));
            return Set.of();
        }
        Set<EntityKind> out = EnumSet.noneOf(EntityKind.class);
        for (int i = 0; i < names.size(); i++) {
            EntityKind k = oneOf(names.get(i), EntityKind.class, path + "[" + i + "]", errors);
            if (k != null && !out.add(k)) {
                errors.add(FieldError.rejected(path + "[" + i + "]", k + " is listed twice", k.name()));
            }
        }
        return out;
    }

    private static List<Source> sources(List<Source> sources, String path, List<FieldError> errors) {
        if (sources == null || sources.isEmpty()) {
            errors.add(new FieldError(path, "at least one source is required: the policy document or study the "
                    + "action comes from"));
            return List.of();
        }
        List<Source> out = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            Source s = sources.get(i);
            if (s == null || blank(s.document())) {
                errors.add(new FieldError(path + "[" + i + "].document", "required: the document's title"));
                continue;
            }
            if (s.year() != null && (s.year() < 1900 || s.year() > 2100)) {
                errors.add(FieldError.rejected(path + "[" + i + "].year", "a year from 1900 to 2100", s.year()));
                continue;
            }
            length(s.document(), path + "[" + i + "].document", MAX_TITLE, errors);
            length(s.documentZh(), path + "[" + i + "].documentZh", MAX_TITLE, errors);
            length(s.issuer(), path + "[" + i + "].issuer", MAX_TITLE, errors);
            length(s.section(), path + "[" + i + "].section", MAX_TITLE, errors);
            out.add(new Source(s.document().trim(), trimmed(s.documentZh()), trimmed(s.issuer()), s.year(),
                    trimmed(s.section())));
        }
        return out;
    }

    private static void text(String value, String field, List<FieldError> errors) {
        if (blank(value) || value.length() > 300) {
            errors.add(FieldError.rejected(field, "required, at most 300 characters", value));
        }
    }

    /** Optional text within its bound; the refusal does not quote it back. */
    private static void length(String value, String field, int max, List<FieldError> errors) {
        if (value != null && value.length() > max) {
            errors.add(new FieldError(field, value.length() + " characters; at most " + max));
        }
    }

    private static <E extends Enum<E>> E oneOf(String name, Class<E> type, String field, List<FieldError> errors) {
        if (name != null) {
            for (E e : type.getEnumConstants()) {
                if (e.name().equals(name)) {
                    return e;
                }
            }
        }
        errors.add(FieldError.rejected(field, (name == null ? "required" : "'" + name + "' is unknown")
                + ": one of " + names(type), name));
        return null;
    }

    private static String names(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String trimmed(String s) {
        return blank(s) ? null : s.trim();
    }
}
