package org.nqpf.security;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a tenant-bound caller may read of one answer (docs/SECURITY.md): every entity it may not see, by id and by
 * name, becomes an anonymous label ({@code peer-1}, {@code peer-2}, ... numbered by place in the answer's ranking),
 * the same label for the same entity everywhere in the answer: JSON values and keys, and inside sentences. The
 * caller's own entities stay as they are.
 * <p>
 * Generic over the JSON tree, so the domain knows nothing of tenants: a service applies it at its HTTP edge.
 */
public final class Redaction {

    /** Nothing to hide: the caller reads across tenants. */
    public static final Redaction NONE = new Redaction(Map.of(), Map.of(), Set.of());

    public static final String PEER_FIELD = "peer";
    private static final String ENTITY_FIELD = "entityId";
    private static final String BOUNDARY = "A-Za-z0-9_-";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Hidden entity id to its label. */
    private final Map<String, String> labels;
    /** Every term looked for in text: hidden ids and names (to their label), visible ones (to themselves). */
    private final Map<String, String> terms;
    private final Set<String> labelValues;

    private Redaction(Map<String, String> labels, Map<String, String> terms, Set<String> labelValues) {
        this.labels = labels;
        this.terms = terms;
        this.labelValues = labelValues;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether anything is hidden. */
    public boolean active() {
        return !labels.isEmpty();
    }

    /** Whether the entity is one the caller may not see. */
    public boolean hides(String entityId) {
        return labels.containsKey(entityId);
    }

    /** The label of a hidden entity; null for one the caller sees. */
    public String label(String entityId) {
        return labels.get(entityId);
    }

    /**
     * The tree as the caller may read it: an {@code entityId} member naming a hidden entity becomes a {@code peer}
     * member with its label (no id, no name), every other mention of a hidden entity, in values, keys and sentences,
     * its label.
     */
    public JsonNode apply(JsonNode tree) {
        return active() ? walk(tree, true) : tree;
    }

    /**
     * The tree with every mention replaced in place (an {@code entityId} keeps its member and holds the label), so it
     * still reads as the type it was written from: for answers rendered from a domain object (a report).
     */
    public JsonNode applyInPlace(JsonNode tree) {
        return active() ? walk(tree, false) : tree;
    }

    /** The text with every hidden entity's id and name replaced by its label. */
    public String text(String text) {
        if (!active() || text == null || text.isEmpty()) {
            return text;
        }
        List<String> found = new ArrayList<>();
        for (String term : terms.keySet()) {
            if (text.contains(term)) {
                found.add(term);
            }
        }
        if (found.isEmpty()) {
            return text;
        }
        // Longest first, so a visible name that contains a hidden one (or an id that extends another) wins.
        found.sort(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()));
        StringBuilder alternation = new StringBuilder();
        for (String term : found) {
            alternation.append(alternation.isEmpty() ? "" : "|").append(pattern(term));
        }
        Matcher m = Pattern.compile(alternation.toString()).matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(terms.getOrDefault(m.group(), m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * An ASCII term matches only as a whole token (CN-11 is not part of CN-110); other text (a Chinese name) wherever
     * it stands, since Chinese writes no spaces between words.
     */
    private static String pattern(String term) {
        boolean asciiStart = term.charAt(0) < 128 && Character.isLetterOrDigit(term.charAt(0));
        char last = term.charAt(term.length() - 1);
        boolean asciiEnd = last < 128 && Character.isLetterOrDigit(last);
        return (asciiStart ? "(?<![" + BOUNDARY + "])" : "") + Pattern.quote(term)
                + (asciiEnd ? "(?![" + BOUNDARY + "])" : "");
    }

    private JsonNode walk(JsonNode node, boolean rename) {
        if (node.isObject()) {
            ObjectNode out = NODES.objectNode();
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                JsonNode value = member.getValue();
                if (rename && ENTITY_FIELD.equals(member.getKey()) && value.isString()
                        && (labels.containsKey(value.asString()) || labelValues.contains(value.asString()))) {
                    out.put(PEER_FIELD, labels.getOrDefault(value.asString(), value.asString()));
                    continue;
                }
                out.set(text(member.getKey()), walk(value, rename));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = NODES.arrayNode(node.size());
            node.forEach(item -> out.add(walk(item, rename)));
            return out;
        }
        if (node.isString()) {
            String text = node.asString();
            String redacted = text(text);
            return redacted.equals(text) ? node : NODES.stringNode(redacted);
        }
        return node;
    }

    /**
     * Collects the entities of one answer: those the caller sees, those it does not, and the ranking the labels are
     * numbered by.
     */
    public static final class Builder {

        private final Map<String, List<String>> visible = new LinkedHashMap<>();
        private final Map<String, List<String>> hidden = new LinkedHashMap<>();
        private final List<String> ranking = new ArrayList<>();

        private Builder() {
        }

        public Builder visible(String entityId, String... names) {
            visible.computeIfAbsent(entityId, k -> new ArrayList<>()).addAll(names(names));
            return this;
        }

        public Builder hidden(String entityId, String... names) {
            hidden.computeIfAbsent(entityId, k -> new ArrayList<>()).addAll(names(names));
            return this;
        }

        /**
         * The answer's ranking, best first: a hidden entity in it is labelled by its place ({@code peer-3} is third);
         * a member not declared visible is hidden.
         */
        public Builder ranking(List<String> entityIds) {
            ranking.addAll(entityIds);
            return this;
        }

        public Redaction build() {
            Map<String, String> labels = new LinkedHashMap<>();
            for (int i = 0; i < ranking.size(); i++) {
                String id = ranking.get(i);
                if (!visible.containsKey(id) && !labels.containsKey(id)) {
                    labels.put(id, "peer-" + (i + 1));
                }
            }
            // Hidden entities outside the ranking are numbered after it, in a stable order.
            int next = ranking.size();
            for (String id : new TreeSet<>(hidden.keySet())) {
                if (!visible.containsKey(id) && !labels.containsKey(id)) {
                    labels.put(id, "peer-" + (++next));
                }
            }
            if (labels.isEmpty()) {
                return NONE;
            }
            Map<String, String> terms = new HashMap<>();
            hidden.forEach((id, names) -> {
                String label = labels.get(id);
                if (label != null) {
                    names.forEach(n -> terms.put(n, label));
                }
            });
            labels.forEach(terms::put);
            // What the caller sees is matched too, so that a hidden term inside it is left alone.
            visible.forEach((id, names) -> {
                terms.put(id, id);
                names.forEach(n -> terms.put(n, n));
            });
            return new Redaction(Map.copyOf(labels), Map.copyOf(terms), Set.copyOf(labels.values()));
        }

        private static List<String> names(String... names) {
            List<String> out = new ArrayList<>();
            for (String n : names) {
                if (n != null && !n.isBlank()) {
                    out.add(n);
                }
            }
            return out;
        }
    }
}
