package org.nqpf.assessment.recompute;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.nqpf.assessment.CohortPeriod;
import org.nqpf.assessment.profile.MethodProfiles;
import org.nqpf.assessment.results.AssessmentStore;
import org.nqpf.assessment.results.AssessmentView;
import org.nqpf.contracts.Dimension;
import org.nqpf.contracts.EventTypes;
import org.nqpf.contracts.Subsystem;
import org.nqpf.contracts.Topics;
import org.nqpf.engine.Coupling;
import org.nqpf.engine.IndicatorTable;
import org.nqpf.engine.nqpf.NqpfAssessment;
import org.nqpf.engine.nqpf.NqpfEngine;
import org.nqpf.engine.nqpf.NqpfIndicator;
import org.nqpf.messaging.Events;
import org.nqpf.messaging.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Recomputes one cohort-period from the projection: min-max [0, 100] over the cohort, equal weights within each
 * dimension, arithmetic means, overall = mean of the dimensions, ranks, subsystems and their coupling, obstacle
 * degrees. Stores and announces only the entities whose result changed, so replays and recomputes of unchanged
 * inputs store and publish nothing.
 */
@Service
public class CohortAssessor {

    private static final Logger log = LoggerFactory.getLogger(CohortAssessor.class);

    private final JdbcClient jdbc;
    private final AssessmentStore store;
    private final Outbox outbox;
    private final Events events;
    private final JsonMapper json;
    private final MethodProfiles profiles;
    private final Counter recomputes;
    private final Counter published;

    CohortAssessor(JdbcClient jdbc, AssessmentStore store, Outbox outbox, Events events, JsonMapper json,
            MethodProfiles profiles, MeterRegistry meters) {
        this.profiles = profiles;
        this.jdbc = jdbc;
        this.store = store;
        this.outbox = outbox;
        this.events = events;
        this.json = json;
        this.recomputes = Counter.builder("nqpf.assessment.recomputes")
                .description("cohort-periods recomputed").register(meters);
        this.published = Counter.builder("nqpf.assessment.published")
                .description("entity assessments that changed and were announced").register(meters);
    }

    private record Input(String entityId, String indicator, String dimension, String subsystem, int direction,
            double value, int frameworkVersion) {
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void recompute(CohortPeriod key) {
        recomputes.increment();
        List<Input> inputs = inputs(key);
        Map<String, AssessmentStore.Stored> stored = store.current(key);
        if (inputs.isEmpty()) {
            store.deleteAllBut(key, Set.of());
            return;
        }
        Computation computed = compute(key, inputs, profiles.current(key.frameworkCode()));
        Map<String, String> kinds = new java.util.HashMap<>();
        jdbc.sql("SELECT entity_id, entity_kind FROM entity_cohorts WHERE ? = ANY(cohorts)").param(key.cohort())
                .query(rs -> {
                    kinds.put(rs.getString(1), rs.getString(2));
                });
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<Outbox.Entry> announcements = new ArrayList<>();
        Set<String> assessed = new TreeSet<>();
        for (AssessmentView view : computed.views()) {
            assessed.add(view.entityId());
            String resultDigest = InputDigest.sha256(json.writeValueAsString(view));
            AssessmentStore.Stored before = stored.get(view.entityId());
            if (before != null && before.resultDigest().equals(resultDigest)) {
                if (!before.inputDigest().equals(computed.inputDigest())) {
                    store.refreshDigest(key, view.entityId(), computed.inputDigest());
                }
                continue;
            }
            AssessmentView identified = view.identified(UUID.randomUUID().toString(), computed.inputDigest(), now);
            store.save(identified, computed.method(), resultDigest);
            announcements.add(new Outbox.Entry(Topics.ASSESSMENTS, view.entityId(), events.create(
                    identified.assessmentId(), EventTypes.ASSESSMENT_COMPUTED, view.entityId(), identified.toEvent(kinds.get(view.entityId())))));
        }
        store.deleteAllBut(key, assessed);
        outbox.appendAll(announcements);
        published.increment(announcements.size());
        log.debug("recomputed {}: {} entities, {} changed", key, computed.views().size(), announcements.size());
    }

    /**
     * What-if: the entity's assessment if its values were {@code hypothetical} (indicator code to value), the rest of
     * the cohort as it is. Nothing is stored or published.
     *
     * @throws IllegalArgumentException naming an indicator the cohort-period has no data for
     */
    @Transactional(readOnly = true)
    public java.util.Optional<AssessmentView> project(CohortPeriod key, String entityId,
            Map<String, Double> hypothetical) {
        List<Input> inputs = new ArrayList<>(inputs(key));
        Map<String, Input> template = new LinkedHashMap<>();
        inputs.forEach(in -> template.putIfAbsent(in.indicator(), in));
        for (Map.Entry<String, Double> h : hypothetical.entrySet()) {
            Input t = template.get(h.getKey());
            if (t == null) {
                throw new IllegalArgumentException("values." + h.getKey() + ": no indicator " + h.getKey()
                        + " in cohort " + key.cohort() + ", period " + key.period() + "; known: " + template.keySet());
            }
            if (h.getValue() == null || !Double.isFinite(h.getValue())) {
                throw new IllegalArgumentException("values." + h.getKey() + ": not a finite number");
            }
            inputs.removeIf(in -> in.entityId().equals(entityId) && in.indicator().equals(h.getKey()));
            inputs.add(new Input(entityId, t.indicator(), t.dimension(), t.subsystem(), t.direction(), h.getValue(),
                    t.frameworkVersion()));
        }
        if (inputs.stream().noneMatch(in -> in.entityId().equals(entityId))) {
            return java.util.Optional.empty();
        }
        Computation computed = compute(key, inputs, profiles.current(key.frameworkCode()));
        return computed.views().stream().filter(v -> v.entityId().equals(entityId)).findFirst()
                .map(v -> v.identified(null, computed.inputDigest(), null));
    }

    /** The cohort-period's inputs as the engine takes them, for analyses beside the stored results. */
    public record Inputs(List<NqpfIndicator> indicators, IndicatorTable table) {
    }

    @Transactional(readOnly = true)
    public java.util.Optional<Inputs> engineInputs(CohortPeriod key) {
        List<Input> inputs = inputs(key);
        if (inputs.isEmpty()) {
            return java.util.Optional.empty();
        }
        Map<String, NqpfIndicator> indicators = new LinkedHashMap<>();
        inputs.forEach(in -> indicators.putIfAbsent(in.indicator(),
                new NqpfIndicator(in.indicator(), in.dimension(), in.subsystem(), in.direction())));
        List<String> units = List.copyOf(inputs.stream().map(Input::entityId).collect(Collectors.toCollection(TreeSet::new)));
        List<String> codes = List.copyOf(new TreeSet<>(indicators.keySet()));
        IndicatorTable.Builder table = IndicatorTable.builder(units, codes);
        inputs.forEach(in -> table.set(in.entityId(), in.indicator(), in.value()));
        return java.util.Optional.of(new Inputs(codes.stream().map(indicators::get).toList(), table.build()));
    }

    private record Computation(List<AssessmentView> views, String method, String inputDigest) {
    }

    /** What recomputing the cohort-period now, with the given profile version, gives for one entity; stores nothing. */
    public record Reproduction(String inputDigest, String resultDigest, AssessmentView view) {
    }

    /** Empty when the cohort-period has no inputs left or the entity is no longer assessed in it. */
    @Transactional(readOnly = true)
    public java.util.Optional<Reproduction> reproduce(CohortPeriod key, String entityId,
            MethodProfiles.Configured configured) {
        List<Input> inputs = inputs(key);
        if (inputs.isEmpty()) {
            return java.util.Optional.empty();
        }
        Computation computed = compute(key, inputs, configured);
        return computed.views().stream().filter(v -> v.entityId().equals(entityId)).findFirst()
                .map(v -> new Reproduction(computed.inputDigest(), InputDigest.sha256(json.writeValueAsString(v)), v));
    }

    private Computation compute(CohortPeriod key, List<Input> inputs, MethodProfiles.Configured configured) {
        // An indicator's place in the framework as its newest observation (highest framework version) states it.
        Map<String, NqpfIndicator> indicators = new LinkedHashMap<>();
        for (Input in : inputs) {
            indicators.putIfAbsent(in.indicator(),
                    new NqpfIndicator(in.indicator(), in.dimension(), in.subsystem(), in.direction()));
        }
        int frameworkVersion = inputs.stream().mapToInt(Input::frameworkVersion).max().orElseThrow();
        List<String> units = List.copyOf(inputs.stream().map(Input::entityId).collect(Collectors.toCollection(TreeSet::new)));
        List<String> codes = List.copyOf(new TreeSet<>(indicators.keySet()));
        IndicatorTable.Builder table = IndicatorTable.builder(units, codes);
        inputs.forEach(in -> table.set(in.entityId(), in.indicator(), in.value()));
        // The profile's version is part of the method, hence of the digest.
        NqpfEngine engine = configured.engine();
        String method = configured.describe();
        String inputDigest = InputDigest.sha256(digestText(key, method, codes, indicators, inputs));
        List<AssessmentView> views = engine.assess(codes.stream().map(indicators::get).toList(), table.build())
                .stream().map(result -> view(key, frameworkVersion, configured, result)).toList();
        return new Computation(views, method, inputDigest);
    }

    private List<Input> inputs(CohortPeriod key) {
        return jdbc.sql("""
                SELECT o.entity_id, o.indicator, o.dimension, o.subsystem, o.direction, o.value, o.framework_version
                FROM observation_value o JOIN entity_cohorts ec ON ec.entity_id = o.entity_id
                WHERE o.framework_code = ? AND o.period = ? AND ? = ANY(ec.cohorts) AND o.value IS NOT NULL
                ORDER BY o.indicator, o.framework_version DESC, o.recorded_at DESC, o.entity_id""")
                .params(key.frameworkCode(), key.period(), key.cohort())
                .query((rs, i) -> new Input(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getInt(5), rs.getDouble(6), rs.getInt(7)))
                .list();
    }

    /** The sorted inputs and the method, one line each: the same text for the same computation. */
    private static String digestText(CohortPeriod key, String method, List<String> codes,
            Map<String, NqpfIndicator> indicators, List<Input> inputs) {
        StringBuilder text = new StringBuilder();
        text.append("method=").append(method).append('\n');
        text.append("framework=").append(key.frameworkCode()).append(";cohort=").append(key.cohort())
                .append(";period=").append(key.period()).append('\n');
        for (String code : codes) {
            NqpfIndicator i = indicators.get(code);
            text.append("I|").append(code).append('|').append(i.dimension()).append('|').append(i.subsystem())
                    .append('|').append(i.direction()).append('\n');
        }
        inputs.stream()
                .sorted((a, b) -> a.entityId().equals(b.entityId()) ? a.indicator().compareTo(b.indicator())
                        : a.entityId().compareTo(b.entityId()))
                .forEach(in -> text.append("V|").append(in.entityId()).append('|').append(in.indicator()).append('|')
                        .append(Double.toString(in.value())).append('\n'));
        return text.toString();
    }

    private AssessmentView view(CohortPeriod key, int frameworkVersion, MethodProfiles.Configured configured,
            NqpfAssessment a) {
        NqpfEngine engine = configured.engine();
        List<AssessmentView.DimensionScore> dimensions = a.dimensions().stream()
                .map(d -> new AssessmentView.DimensionScore(Dimension.valueOf(d.dimension()), round(d.score()),
                        d.rank(), d.leader(), round(d.leaderScore())))
                .toList();
        List<AssessmentView.SubsystemScore> subsystems = a.subsystems().entrySet().stream()
                .map(s -> new AssessmentView.SubsystemScore(Subsystem.valueOf(s.getKey()), round(s.getValue())))
                .toList();
        AssessmentView.Coupling coupling = null;
        Coupling c = a.coupling();
        if (c != null) {
            coupling = new AssessmentView.Coupling(round(c.c()), round(c.t()), round(c.d()), c.grade().name(),
                    c.grade().chinese() + " " + c.grade().english(),
                    a.lagging() == null ? null : Subsystem.valueOf(a.lagging()));
        }
        List<AssessmentView.DimensionObstacle> dimensionObstacles = a.obstacles().entrySet().stream()
                .map(o -> new AssessmentView.DimensionObstacle(Dimension.valueOf(o.getKey()), round(o.getValue())))
                .toList();
        List<AssessmentView.IndicatorObstacle> indicatorObstacles = a.indicators().stream()
                .map(i -> new AssessmentView.IndicatorObstacle(i.indicator(), Dimension.valueOf(i.dimension()),
                        round(i.obstacle())))
                .toList();
        List<AssessmentView.Contribution> explanation = a.indicators().stream()
                .map(i -> new AssessmentView.Contribution(i.indicator(), Dimension.valueOf(i.dimension()),
                        Subsystem.valueOf(i.subsystem()), nullable(i.value()), nullable(round(i.normalised())),
                        round(i.weight()), round(i.contribution())))
                .toList();
        return new AssessmentView(null, a.unit(), key.cohort(), key.period(), key.frameworkCode(), frameworkVersion,
                new AssessmentView.Method(engine.normalisation().describe(), engine.weighting().describe(),
                        engine.describeAggregation(), configured.version()),
                round(a.overall()), a.rank(), a.cohortSize(), dimensions, subsystems, coupling,
                new AssessmentView.Obstacles(dimensionObstacles, indicatorObstacles), explanation, null, null);
    }

    /** Six decimals: well below any meaningful difference, and no rounding noise such as 100.00000000000001. */
    private static double round(double x) {
        return Double.isNaN(x) ? x : Math.round(x * 1e6) / 1e6;
    }

    private static Double nullable(double x) {
        return Double.isNaN(x) ? null : x;
    }
}
