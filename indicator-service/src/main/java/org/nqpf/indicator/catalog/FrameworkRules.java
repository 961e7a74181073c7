package org.nqpf.indicator.catalog;

import org.nqpf.web.FieldError;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.nqpf.contracts.Dimension;
import org.nqpf.contracts.Mechanism;
import org.nqpf.contracts.Subsystem;
import org.nqpf.indicator.catalog.FrameworkDraft.IndicatorDraft;

/**
 * What a framework version must satisfy, checked in full so that every wrong field is reported at once, each named
 * by its JSON path ({@code indicators[2].target}).
 */
final class FrameworkRules {

    static final Pattern FRAMEWORK_CODE = Pattern.compile("[A-Z][A-Z0-9_-]{1,31}");
    static final Pattern INDICATOR_CODE = Pattern.compile("[A-Z][A-Z0-9_]{1,63}");
    static final int MAX_INDICATORS = 500;
    /** Deep enough for indicator → sub-sub-dimension → sub-dimension → dimension; deeper trees lose their readers. */
    static final int MAX_SUB_DIMENSION_DEPTH = 4;
    private static final int MAX_NAME = 200;
    private static final int MAX_TEXT = 2000;

    private FrameworkRules() {
    }

    static List<FieldError> frameworkCode(String code) {
        if (blank(code)) {
            return List.of(new FieldError("code", "required"));
        }
        if (!FRAMEWORK_CODE.matcher(code).matches()) {
            return List.of(new FieldError("code", "'" + code
                    + "' must be 2 to 32 upper-case letters, digits, '-' or '_', starting with a letter"));
        }
        return List.of();
    }

    static void names(String nameEn, String nameZh, String description, List<FieldError> problems) {
        if (blank(nameEn)) {
            problems.add(new FieldError("nameEn", "required"));
        }
        length("nameEn", nameEn, MAX_NAME, problems);
        length("nameZh", nameZh, MAX_NAME, problems);
        length("description", description, MAX_TEXT, problems);
    }

    /** The indicators of version {@code version} of {@code frameworkCode}, or the problems that prevent them. */
    static List<Indicator> indicators(String frameworkCode, int version, List<IndicatorDraft> drafts,
            List<FieldError> problems) {
        if (drafts == null || drafts.isEmpty()) {
            problems.add(new FieldError("indicators", "at least one indicator is required"));
            return List.of();
        }
        if (drafts.size() > MAX_INDICATORS) {
            problems.add(new FieldError("indicators", drafts.size() + " indicators; at most " + MAX_INDICATORS));
            return List.of();
        }
        List<Indicator> indicators = new ArrayList<>();
        Map<String, Integer> firstIndexOfCode = new HashMap<>();
        // Each sub-dimension sits under one parent across the whole version: where it was first placed, and by whom.
        Map<String, String> parentOfSubDimension = new HashMap<>();
        Map<String, Integer> placedBy = new HashMap<>();
        for (int i = 0; i < drafts.size(); i++) {
            IndicatorDraft d = drafts.get(i);
            String at = "indicators[" + i + "]";
            if (d == null) {
                problems.add(new FieldError(at, "required (null given)"));
                continue;
            }
            int before = problems.size();
            String code = d.code() == null ? null : d.code().trim();
            if (blank(code)) {
                problems.add(new FieldError(at + ".code", "required"));
            }
            else if (!INDICATOR_CODE.matcher(code).matches()) {
                problems.add(new FieldError(at + ".code", "'" + code
                        + "' must be 2 to 64 upper-case letters, digits or '_', starting with a letter"));
            }
            else if (firstIndexOfCode.putIfAbsent(code, i) != null) {
                problems.add(new FieldError(at + ".code", code + " is already the code of indicators["
                        + firstIndexOfCode.get(code) + "]; codes are unique within a framework version"));
            }
            String name = code == null || code.isBlank() ? at : code;
            required(at + ".nameEn", d.nameEn(), problems);
            length(at + ".nameEn", d.nameEn(), MAX_NAME, problems);
            required(at + ".nameZh", d.nameZh(), problems);
            length(at + ".nameZh", d.nameZh(), MAX_NAME, problems);
            required(at + ".unit", d.unit(), problems);
            length(at + ".unit", d.unit(), MAX_NAME, problems);
            length(at + ".origin", d.origin(), MAX_TEXT, problems);
            length(at + ".rationale", d.rationale(), MAX_TEXT, problems);
            Dimension dimension = oneOf(at + ".dimension", d.dimension(), Dimension.class, problems);
            Subsystem subsystem = oneOf(at + ".subsystem", d.subsystem(), Subsystem.class, problems);
            Mechanism mechanism = oneOf(at + ".mechanism", d.mechanism(), Mechanism.class, problems);
            if (d.direction() == null) {
                problems.add(new FieldError(at + ".direction", "required: 1 (more is better) or -1 (less is better)"));
            }
            else if (d.direction() != 1.0 && d.direction() != -1.0) {
                problems.add(new FieldError(at + ".direction",
                        number(d.direction()) + " must be 1 (more is better) or -1 (less is better)"));
            }
            if (d.minValue() != null && d.maxValue() != null && d.minValue() > d.maxValue()) {
                problems.add(new FieldError(at + ".minValue", name + "'s minValue " + number(d.minValue())
                        + " is greater than its maxValue " + number(d.maxValue())));
            }
            else if (d.target() != null && ((d.minValue() != null && d.target() < d.minValue())
                    || (d.maxValue() != null && d.target() > d.maxValue()))) {
                problems.add(new FieldError(at + ".target", name + "'s target " + number(d.target())
                        + " is outside its valid range [" + bound(d.minValue()) + ", " + bound(d.maxValue()) + "]"));
            }
            List<String> subDimensions = subDimensions(at, i, d.subDimensions(), dimension, parentOfSubDimension,
                    placedBy, problems);
            if (problems.size() == before) {
                indicators.add(new Indicator(frameworkCode, version, code, d.nameEn().trim(), d.nameZh().trim(),
                        dimension, subsystem, mechanism, d.unit().trim(), d.direction().intValue(), d.minValue(),
                        d.maxValue(), d.target(), trimmed(d.origin()), trimmed(d.rationale()), subDimensions));
            }
        }
        for (int i = 0; i < drafts.size(); i++) {
            IndicatorDraft d = drafts.get(i);
            if (d != null && d.code() != null && parentOfSubDimension.containsKey(d.code().trim())) {
                problems.add(new FieldError("indicators[" + i + "].code", d.code().trim()
                        + " is also the code of a sub-dimension; a node of the hierarchy has one code"));
            }
        }
        return indicators;
    }

    /** The sub-dimensions of one indicator, each checked, and each placed under one parent only. */
    private static List<String> subDimensions(String at, int index, List<String> given, Dimension dimension,
            Map<String, String> parentOf, Map<String, Integer> placedBy, List<FieldError> problems) {
        if (given == null || given.isEmpty()) {
            return List.of();
        }
        if (given.size() > MAX_SUB_DIMENSION_DEPTH) {
            problems.add(new FieldError(at + ".subDimensions", given.size() + " levels; at most "
                    + MAX_SUB_DIMENSION_DEPTH));
            return List.of();
        }
        List<String> out = new ArrayList<>();
        String parent = dimension == null ? null : dimension.name();
        for (int k = 0; k < given.size(); k++) {
            String field = at + ".subDimensions[" + k + "]";
            String code = given.get(k) == null ? null : given.get(k).trim();
            if (blank(code)) {
                problems.add(new FieldError(field, "required (a sub-dimension code)"));
                return List.of();
            }
            if (!INDICATOR_CODE.matcher(code).matches()) {
                problems.add(new FieldError(field, "'" + code
                        + "' must be 2 to 64 upper-case letters, digits or '_', starting with a letter"));
                return List.of();
            }
            if (Arrays.stream(Dimension.values()).anyMatch(d -> d.name().equals(code)) || code.equals("OVERALL")) {
                problems.add(new FieldError(field, code + " is a dimension or the overall score, not a sub-dimension"));
                return List.of();
            }
            if (out.contains(code)) {
                problems.add(new FieldError(field, code + " appears twice in the path"));
                return List.of();
            }
            String before = parentOf.putIfAbsent(code, parent);
            if (before != null && parent != null && !before.equals(parent)) {
                problems.add(new FieldError(field, code + " sits under " + before + " in indicators["
                        + placedBy.get(code) + "]; a sub-dimension has one parent"));
                return List.of();
            }
            placedBy.putIfAbsent(code, index);
            out.add(code);
            parent = code;
        }
        return out;
    }

    /**
     * A default framework must cover what assessments compute: every dimension on both sides, since the coupling
     * coordination of AI and NQPF is computed per dimension.
     */
    static List<String> uncoveredForAssessment(List<Indicator> indicators) {
        List<String> missing = new ArrayList<>();
        for (Dimension dimension : Dimension.values()) {
            Set<Subsystem> present = indicators.stream().filter(i -> i.dimension() == dimension)
                    .map(Indicator::subsystem).collect(Collectors.toCollection(() -> EnumSet.noneOf(Subsystem.class)));
            for (Subsystem subsystem : Subsystem.values()) {
                if (!present.contains(subsystem)) {
                    missing.add(dimension + "/" + subsystem);
                }
            }
        }
        return missing;
    }

    static IndicatorDraft draftOf(Indicator i) {
        return new IndicatorDraft(i.code(), i.nameEn(), i.nameZh(), i.dimension().name(), i.subsystem().name(),
                i.mechanism().name(), i.unit(), (double) i.direction(), i.minValue(), i.maxValue(), i.target(),
                i.origin(), i.rationale(), i.subDimensions().isEmpty() ? null : i.subDimensions());
    }

    private static <E extends Enum<E>> E oneOf(String field, String value, Class<E> type, List<FieldError> problems) {
        String allowed = Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
        if (blank(value)) {
            problems.add(new FieldError(field, "required: one of " + allowed));
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim());
        }
        catch (IllegalArgumentException e) {
            problems.add(new FieldError(field, "'" + value + "' is not one of " + allowed));
            return null;
        }
    }

    private static void required(String field, String value, List<FieldError> problems) {
        if (blank(value)) {
            problems.add(new FieldError(field, "required"));
        }
    }

    private static void length(String field, String value, int max, List<FieldError> problems) {
        if (value != null && value.length() > max) {
            problems.add(new FieldError(field, value.length() + " characters; at most " + max));
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String trimmed(String s) {
        return blank(s) ? null : s.trim();
    }

    private static String bound(Double d) {
        return d == null ? "unbounded" : number(d);
    }

    /** 100 rather than 100.0: the number as the client most likely wrote it. */
    static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
    }
}
