package org.nqpf.roadmap.roadmaps;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.nqpf.roadmap.library.Phase;
import org.nqpf.roadmap.planning.Plan;

/**
 * What changed from one plan to another, each change with why, in words built from the two plans: actions added and
 * dropped, re-ranked and re-phased, and targets moved. Pure: the same two plans give the same diff.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RoadmapDiff(int from, int to, String fromPeriod, String toPeriod, List<Added> added,
        List<Dropped> dropped, List<Reranked> reranked, List<Rephased> rephased, List<TargetChange> targets) {

    public record Added(String code, String titleEn, int priority, Phase phase, String why) {
    }

    public record Dropped(String code, String titleEn, int priority, Phase phase, String why) {
    }

    public record Reranked(String code, int fromPriority, int toPriority, double fromTotal, double toTotal,
            String why) {
    }

    public record Rephased(String code, Phase fromPhase, Phase toPhase, int fromStartYear, int toStartYear,
            String why) {
    }

    /**
     * @param change {@code MOVED}, {@code ADDED} (the indicator is newly weak) or {@code DROPPED} (no longer weak)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TargetChange(String indicator, String change, Double fromTarget, Double toTarget,
            String fromStrategy, String toStrategy, List<String> fromPeers, List<String> toPeers, String why) {
    }

    public boolean isEmpty() {
        return added.isEmpty() && dropped.isEmpty() && reranked.isEmpty() && rephased.isEmpty() && targets.isEmpty();
    }

    public static RoadmapDiff of(int fromVersion, Plan from, int toVersion, Plan to) {
        Map<String, Plan.Action> before = byCode(from.actions());
        Map<String, Plan.Action> after = byCode(to.actions());
        Map<String, Plan.Considered> consideredBefore = considered(from);
        Map<String, Plan.Considered> consideredAfter = considered(to);
        String v = "version " + toVersion;

        List<Added> added = new ArrayList<>();
        List<Reranked> reranked = new ArrayList<>();
        List<Rephased> rephased = new ArrayList<>();
        for (Plan.Action a : to.actions()) {
            Plan.Action was = before.get(a.code());
            if (was == null) {
                added.add(new Added(a.code(), a.titleEn(), a.priority(), a.phase(), whyAdded(a, from, fromVersion,
                        consideredBefore.get(a.code()))));
                continue;
            }
            if (was.priority() != a.priority()) {
                reranked.add(new Reranked(a.code(), was.priority(), a.priority(), total(was), total(a),
                        whyReranked(was, a)));
            }
            if (was.phase() != a.phase() || was.startYear() != a.startYear()) {
                rephased.add(new Rephased(a.code(), was.phase(), a.phase(), was.startYear(), a.startYear(),
                        whyRephased(was, a)));
            }
        }
        List<Dropped> dropped = new ArrayList<>();
        for (Plan.Action was : from.actions()) {
            if (!after.containsKey(was.code())) {
                Plan.Considered c = consideredAfter.get(was.code());
                String why = c != null
                        ? "not chosen in " + v + " (total " + f(c.total()) + "): " + c.reason()
                        : "no longer a candidate in " + v + ": not in library version " + to.libraryVersion()
                                + " for this entity, or it moves none of the indicators now assessed";
                dropped.add(new Dropped(was.code(), was.titleEn(), was.priority(), was.phase(), why));
            }
        }
        return new RoadmapDiff(fromVersion, toVersion, from.period(), to.period(), added, dropped, reranked, rephased,
                targets(from, to));
    }

    private static String whyAdded(Plan.Action a, Plan from, int fromVersion, Plan.Considered was) {
        StringBuilder why = new StringBuilder();
        if (a.requiredFor() != null && !a.requiredFor().isEmpty()) {
            why.append("added as a prerequisite of ").append(String.join(", ", a.requiredFor())).append("; ");
        }
        why.append("ranked ").append(a.priority()).append(" with total ").append(f(total(a)));
        if (a.score() != null) {
            why.append(" (impact ").append(f(a.score().impact().score())).append(", urgency ")
                    .append(f(a.score().urgency())).append(", feasibility ").append(f(a.score().feasibility()))
                    .append(')');
        }
        if (a.moves() != null && !a.moves().isEmpty()) {
            why.append("; it moves ").append(a.moves().stream()
                    .map(m -> m.indicator() + " (obstacle " + f(m.obstacle()) + ")").collect(Collectors.joining(", ")));
        }
        if (was != null) {
            why.append("; in version ").append(fromVersion).append(" it was not chosen (total ").append(f(was.total()))
                    .append("): ").append(was.reason());
        }
        else {
            why.append("; it was no candidate in version ").append(fromVersion).append(" (library version ")
                    .append(from.libraryVersion()).append(')');
        }
        return why.toString();
    }

    private static String whyReranked(Plan.Action was, Plan.Action a) {
        StringBuilder why = new StringBuilder(a.priority() < was.priority() ? "moved up" : "moved down")
                .append(" from ").append(was.priority()).append(" to ").append(a.priority()).append(": total ")
                .append(f(total(was))).append(" → ").append(f(total(a)));
        if (was.score() != null && a.score() != null) {
            List<String> parts = new ArrayList<>();
            part(parts, "impact", was.score().impact().score(), a.score().impact().score());
            part(parts, "urgency", was.score().urgency(), a.score().urgency());
            part(parts, "feasibility", was.score().feasibility(), a.score().feasibility());
            why.append(parts.isEmpty() ? "; its own scores are unchanged, other actions' moved around it"
                    : " (" + String.join(", ", parts) + ")");
        }
        if (!Objects.equals(was.requiredFor(), a.requiredFor()) && a.requiredFor() != null) {
            why.append("; now needed by ").append(String.join(", ", a.requiredFor()));
        }
        return why.toString();
    }

    private static void part(List<String> parts, String name, double from, double to) {
        if (!f(from).equals(f(to))) {
            parts.add(name + " " + f(from) + " → " + f(to));
        }
    }

    private static String whyRephased(Plan.Action was, Plan.Action a) {
        StringBuilder why = new StringBuilder("starts in year ").append(a.startYear()).append(" (was ")
                .append(was.startYear()).append(")");
        if (!Objects.equals(was.prerequisites(), a.prerequisites())) {
            why.append(", its prerequisites now ").append(a.prerequisites());
        }
        else if (a.prerequisites() != null && !a.prerequisites().isEmpty()) {
            why.append(", after its prerequisites ").append(String.join(", ", a.prerequisites()))
                    .append(" show their effect");
        }
        why.append("; with a horizon of ").append(a.horizonYears()).append(" years it shows its effect in ")
                .append(a.phase()).append(" (was ").append(was.phase()).append(')');
        return why.toString();
    }

    private static List<TargetChange> targets(Plan from, Plan to) {
        Map<String, Plan.Target> before = new LinkedHashMap<>();
        from.targets().forEach(t -> before.put(t.indicator(), t));
        Map<String, Plan.Target> after = new LinkedHashMap<>();
        to.targets().forEach(t -> after.put(t.indicator(), t));
        List<TargetChange> changes = new ArrayList<>();
        for (Plan.Target t : to.targets()) {
            Plan.Target was = before.get(t.indicator());
            if (was == null) {
                changes.add(new TargetChange(t.indicator(), "ADDED", null, t.target(), null, t.strategy(), null,
                        peers(t), "newly weak: value " + f(t.value()) + ", obstacle " + f(t.obstacle())
                                + "; target " + f(t.target()) + " by " + t.strategy() + " from " + peerValues(t)));
                continue;
            }
            boolean moved = !f(was.target()).equals(f(t.target())) || !was.strategy().equals(t.strategy())
                    || !peers(was).equals(peers(t));
            if (moved) {
                changes.add(new TargetChange(t.indicator(), "MOVED", was.target(), t.target(), was.strategy(),
                        t.strategy(), peers(was), peers(t), whyMoved(was, t)));
            }
        }
        for (Plan.Target was : from.targets()) {
            if (!after.containsKey(was.indicator())) {
                changes.add(new TargetChange(was.indicator(), "DROPPED", was.target(), null, was.strategy(), null,
                        peers(was), null, "no longer among the weak indicators given a target (value was "
                                + f(was.value()) + ", target " + f(was.target()) + ")"));
            }
        }
        return changes;
    }

    private static String whyMoved(Plan.Target was, Plan.Target t) {
        List<String> why = new ArrayList<>();
        why.add("target " + f(was.target()) + " → " + f(t.target()));
        if (!was.strategy().equals(t.strategy())) {
            why.add("strategy " + was.strategy() + " → " + t.strategy());
        }
        if (!f(was.value()).equals(f(t.value()))) {
            why.add("the entity's value " + f(was.value()) + " → " + f(t.value()));
        }
        Map<String, Double> oldPeers = peerMap(was);
        Map<String, Double> newPeers = peerMap(t);
        Set<String> gone = new LinkedHashSet<>(oldPeers.keySet());
        gone.removeAll(newPeers.keySet());
        Set<String> came = new LinkedHashSet<>(newPeers.keySet());
        came.removeAll(oldPeers.keySet());
        if (!gone.isEmpty()) {
            why.add("peers no longer behind it: " + gone.stream().map(p -> p + " (" + f(oldPeers.get(p)) + ")")
                    .collect(Collectors.joining(", ")));
        }
        if (!came.isEmpty()) {
            why.add("new peers: " + came.stream().map(p -> p + " (" + f(newPeers.get(p)) + ")")
                    .collect(Collectors.joining(", ")));
        }
        List<String> changedValues = newPeers.keySet().stream().filter(oldPeers::containsKey)
                .filter(p -> !f(oldPeers.get(p)).equals(f(newPeers.get(p))))
                .map(p -> p + " " + f(oldPeers.get(p)) + " → " + f(newPeers.get(p))).toList();
        if (!changedValues.isEmpty()) {
            why.add("peers' values moved: " + String.join(", ", changedValues));
        }
        return String.join("; ", why);
    }

    private static List<String> peers(Plan.Target t) {
        return t.peers() == null ? List.of() : t.peers().stream().map(Plan.Peer::entityId).toList();
    }

    private static Map<String, Double> peerMap(Plan.Target t) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (t.peers() != null) {
            t.peers().forEach(p -> out.put(p.entityId(), p.value()));
        }
        return out;
    }

    private static String peerValues(Plan.Target t) {
        Map<String, Double> peers = peerMap(t);
        return peers.isEmpty() ? "no peer" : peers.entrySet().stream().map(e -> e.getKey() + " (" + f(e.getValue())
                + ")").collect(Collectors.joining(", "));
    }

    private static Map<String, Plan.Action> byCode(List<Plan.Action> actions) {
        Map<String, Plan.Action> out = new LinkedHashMap<>();
        actions.forEach(a -> out.put(a.code(), a));
        return out;
    }

    private static Map<String, Plan.Considered> considered(Plan plan) {
        Map<String, Plan.Considered> out = new LinkedHashMap<>();
        if (plan.considered() != null) {
            plan.considered().forEach(c -> out.put(c.code(), c));
        }
        return out;
    }

    private static double total(Plan.Action a) {
        return a.score() == null ? 0 : a.score().total();
    }

    private static String f(double x) {
        return String.format(Locale.ROOT, "%.3g", x);
    }
}
