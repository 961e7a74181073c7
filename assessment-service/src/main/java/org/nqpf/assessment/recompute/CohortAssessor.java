package org.nqpf.assessment.recompute;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Array;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.nqpf.assessment.CohortPeriod;
import org.nqpf.assessment.profile.MethodProfiles;
import org.nqpf.assessment.results.AssessmentStore;
import org.nqpf.assessment.results.AssessmentView;
import org.nqpf.contracts.EventTypes;
import org.nqpf.contracts.Topics;
import org.nqpf.engine.nqpf.NqpfAssessment;
import org.nqpf.engine.nqpf.NqpfIndicator;
import org.nqpf.engine.nqpf.NqpfModel;
import org.nqpf.engine.pipeline.Framework;
import org.nqpf.engine.pipeline.Panel;
import org.nqpf.engine.pipeline.PanelResult;
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
 * Recomputes a cohort's assessments from the projection with the framework's method profile, through the one
 * assessment pipeline ({@link org.nqpf.engine.pipeline.Assessor}, the same object {@code ./nqpf assess} runs) read
 * through the paper's model ({@link NqpfModel}). Where a period's results rest on that period's data alone, one
 * cohort-period is recomputed; where they rest on every period's (bounds over the panel, data-driven weights,
 * imputation along the series), the pipeline gets the cohort's whole panel and every period is recomputed. Stores and announces only the entities whose result changed, so replays and recomputes of unchanged inputs
 * store and publish nothing.
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

    /** One current value, with the indicator's place in the framework as its event stated it. */
    private record Input(String entityId, String indicator, List<String> path, String subsystem, int direction,
            String period, double value, int frameworkVersion) {
    }

    /** A cohort's inputs as the pipeline takes them, for analyses beside the stored results. */
    public record Cohort(Framework framework, Panel panel, int frameworkVersion, String inputDigest) {
    }

    /**
     * Holds the key's method profile for the transaction (a new version waits for it to end) and answers whether a
     * recompute of the key settles every period of its cohort (its periods depend on each other).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean holdProfile(CohortPeriod key) {
        return profiles.hold(key.frameworkCode()).spansPeriods();
    }

    /**
     * Recomputes {@code key} (and, under a panel profile, every other period of its cohort).
     *
     * @return the cohort-periods whose results this recompute settled
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Set<CohortPeriod> recompute(CohortPeriod key) {
        recomputes.increment();
        MethodProfiles.Configured configured = profiles.current(key.frameworkCode());
        List<Input> inputs = inputs(key, configured.spansPeriods());
        Set<CohortPeriod> covered = new LinkedHashSet<>();
        covered.add(key);
        Set<String> storedPeriods = configured.spansPeriods() ? store.periods(key.frameworkCode(), key.cohort())
                : Set.of(key.period());
        List<String> assessedPeriods = inputs.isEmpty() ? List.of() : assess(key, inputs, configured, covered);
        // Periods whose every value was withdrawn keep no assessment.
        for (String period : storedPeriods) {
            if (!assessedPeriods.contains(period)) {
                store.deleteAllBut(key.withPeriod(period), Set.of());
                covered.add(key.withPeriod(period));
            }
        }
        return covered;
    }

    /** Assesses the inputs' periods, stores and announces what changed; returns the periods assessed. */
    private List<String> assess(CohortPeriod key, List<Input> inputs, MethodProfiles.Configured configured,
            Set<CohortPeriod> covered) {
        Cohort cohort = cohort(key, inputs, configured);
        PanelResult result = configured.assessor().assess(cohort.framework(), cohort.panel());
        result.requireScale();
        Map<String, String> kinds = new HashMap<>();
        jdbc.sql("SELECT entity_id, entity_kind FROM entity_cohorts WHERE ? = ANY(cohorts)").param(key.cohort())
                .query(rs -> {
                    kinds.put(rs.getString(1), rs.getString(2));
                });
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<Outbox.Entry> announcements = new ArrayList<>();
        int assessedCount = 0;
        for (String period : cohort.panel().periods()) {
            CohortPeriod at = key.withPeriod(period);
            covered.add(at);
            Map<String, AssessmentStore.Stored> stored = store.current(at);
            Set<String> assessed = new TreeSet<>();
            for (NqpfAssessment a : NqpfModel.assessments(result, period)) {
                AssessmentView view = AssessmentViews.of(at, cohort.frameworkVersion(), configured, result, a);
                assessed.add(view.entityId());
                String resultDigest = InputDigest.sha256(json.writeValueAsString(view));
                AssessmentStore.Stored before = stored.get(view.entityId());
                if (before != null && before.resultDigest().equals(resultDigest)) {
                    if (!before.inputDigest().equals(cohort.inputDigest())) {
                        store.refreshDigest(at, view.entityId(), cohort.inputDigest());
                    }
                    continue;
                }
                AssessmentView identified = view.identified(UUID.randomUUID().toString(), cohort.inputDigest(), now);
                store.save(identified, configured.describe(), resultDigest);
                announcements.add(new Outbox.Entry(Topics.ASSESSMENTS, view.entityId(), events.create(
                        identified.assessmentId(), EventTypes.ASSESSMENT_COMPUTED, view.entityId(),
                        identified.toEvent(kinds.get(view.entityId())))));
            }
            store.deleteAllBut(at, assessed);
            assessedCount += assessed.size();
        }
        outbox.appendAll(announcements);
        published.increment(announcements.size());
        // One line per recompute (not per entity), in the trace of the change that marked it.
        log.info("cohort-period {} assessed ({} periods): {} assessments, {} changed and published", key,
                cohort.panel().periods().size(), assessedCount, announcements.size());
        return cohort.panel().periods();
    }

    /**
     * What-if: the entity's assessment if its values in the key's period were {@code hypothetical} (indicator code to
     * value), the rest of the cohort as it is. Nothing is stored or published.
     *
     * @throws IllegalArgumentException naming an indicator the cohort-period has no data for
     */
    @Transactional(readOnly = true)
    public Optional<AssessmentView> project(CohortPeriod key, String entityId, Map<String, Double> hypothetical) {
        MethodProfiles.Configured configured = profiles.current(key.frameworkCode());
        List<Input> inputs = new ArrayList<>(inputs(key, configured.spansPeriods()));
        Map<String, Input> template = new LinkedHashMap<>();
        inputs.stream().filter(in -> in.period().equals(key.period()))
                .forEach(in -> template.putIfAbsent(in.indicator(), in));
        for (Map.Entry<String, Double> h : hypothetical.entrySet()) {
            Input t = template.get(h.getKey());
            if (t == null) {
                throw new IllegalArgumentException("values." + h.getKey() + ": no indicator " + h.getKey()
                        + " in cohort " + key.cohort() + ", period " + key.period() + "; known: " + template.keySet());
            }
            if (h.getValue() == null || !Double.isFinite(h.getValue())) {
                throw new IllegalArgumentException("values." + h.getKey() + ": not a finite number");
            }
            inputs.removeIf(in -> in.entityId().equals(entityId) && in.indicator().equals(h.getKey())
                    && in.period().equals(key.period()));
            inputs.add(new Input(entityId, t.indicator(), t.path(), t.subsystem(), t.direction(), key.period(),
                    h.getValue(), t.frameworkVersion()));
        }
        if (inputs.stream().noneMatch(in -> in.entityId().equals(entityId) && in.period().equals(key.period()))) {
            return Optional.empty();
        }
        return assessOne(key, entityId, inputs, configured).map(v -> v.view().identified(null, v.inputDigest(), null));
    }

    /** The cohort as the pipeline takes it (every period under a panel profile, else the key's), or empty. */
    @Transactional(readOnly = true)
    public Optional<Cohort> cohort(CohortPeriod key, MethodProfiles.Configured configured) {
        List<Input> inputs = inputs(key, configured.spansPeriods());
        return inputs.isEmpty() ? Optional.empty() : Optional.of(cohort(key, inputs, configured));
    }

    /** What recomputing the cohort-period now, with the given profile version, gives for one entity; stores nothing. */
    public record Reproduction(String inputDigest, String resultDigest, AssessmentView view) {
    }

    /** Empty when the cohort-period has no inputs left or the entity is no longer assessed in it. */
    @Transactional(readOnly = true)
    public Optional<Reproduction> reproduce(CohortPeriod key, String entityId,
            MethodProfiles.Configured configured) {
        List<Input> inputs = inputs(key, configured.spansPeriods());
        if (inputs.isEmpty()) {
            return Optional.empty();
        }
        return assessOne(key, entityId, inputs, configured).map(v -> new Reproduction(v.inputDigest(),
                InputDigest.sha256(json.writeValueAsString(v.view())), v.view()));
    }

    private record Assessed(AssessmentView view, String inputDigest) {
    }

    private Optional<Assessed> assessOne(CohortPeriod key, String entityId, List<Input> inputs,
            MethodProfiles.Configured configured) {
        Cohort cohort = cohort(key, inputs, configured);
        if (!cohort.panel().periods().contains(key.period())) {
            return Optional.empty();
        }
        PanelResult result = configured.assessor().assess(cohort.framework(), cohort.panel());
        result.requireScale();
        return NqpfModel.assessments(result, key.period()).stream().filter(a -> a.unit().equals(entityId))
                .findFirst().map(a -> new Assessed(AssessmentViews.of(key, cohort.frameworkVersion(), configured,
                        result, a), cohort.inputDigest()));
    }

    private Cohort cohort(CohortPeriod key, List<Input> inputs, MethodProfiles.Configured configured) {
        // An indicator's place in the framework as its newest observation (highest framework version) states it.
        Map<String, NqpfIndicator> indicators = new LinkedHashMap<>();
        for (Input in : inputs) {
            indicators.putIfAbsent(in.indicator(),
                    new NqpfIndicator(in.indicator(), in.path(), in.subsystem(), in.direction(), 1.0));
        }
        int frameworkVersion = inputs.stream().mapToInt(Input::frameworkVersion).max().orElseThrow();
        List<String> codes = List.copyOf(new TreeSet<>(indicators.keySet()));
        Framework framework = NqpfModel.framework(codes.stream().map(indicators::get).toList());
        List<String> order = framework.hierarchy().indicators();
        List<String> units = List.copyOf(new TreeSet<>(inputs.stream().map(Input::entityId).toList()));
        List<String> periods = List.copyOf(new TreeSet<>(inputs.stream().map(Input::period).toList()));
        Map<String, Integer> unitIndex = index(units);
        Map<String, Integer> periodIndex = index(periods);
        Map<String, Integer> indicatorIndex = index(order);
        double[][][] values = new double[periods.size()][units.size()][order.size()];
        for (double[][] slice : values) {
            for (double[] row : slice) {
                Arrays.fill(row, Double.NaN);
            }
        }
        for (Input in : inputs) {
            values[periodIndex.get(in.period())][unitIndex.get(in.entityId())][indicatorIndex.get(in.indicator())] =
                    in.value();
        }
        String method = configured.describe();
        String digest = InputDigest.sha256(digestText(key, configured.spansPeriods(), method, codes, indicators, inputs));
        return new Cohort(framework, new Panel(units, units, periods, values), frameworkVersion, digest);
    }

    private static Map<String, Integer> index(List<String> codes) {
        Map<String, Integer> index = new HashMap<>();
        for (int k = 0; k < codes.size(); k++) {
            index.put(codes.get(k), k);
        }
        return index;
    }

    /** The key's period, or every period of its cohort when the profile normalises over the panel. */
    private List<Input> inputs(CohortPeriod key, boolean panel) {
        return jdbc.sql("""
                SELECT o.entity_id, o.indicator, o.dimension, o.path, o.subsystem, o.direction, o.period, o.value,
                    o.framework_version
                FROM observation_value o JOIN entity_cohorts ec ON ec.entity_id = o.entity_id
                WHERE o.framework_code = :framework AND (:panel OR o.period = :period) AND :cohort = ANY(ec.cohorts)
                  AND o.value IS NOT NULL
                ORDER BY o.indicator, o.framework_version DESC, o.recorded_at DESC, o.entity_id, o.period""")
                .param("framework", key.frameworkCode())
                .param("panel", panel)
                .param("period", key.period())
                .param("cohort", key.cohort())
                .query((rs, i) -> new Input(rs.getString(1), rs.getString(2), path(rs.getString(3), rs.getArray(4)),
                        rs.getString(5), rs.getInt(6), rs.getString(7), rs.getDouble(8), rs.getInt(9)))
                .list();
    }

    /** The stored path, or the dimension alone for an indicator directly under it. */
    private static List<String> path(String dimension, Array path) throws SQLException {
        if (path != null) {
            return List.of((String[]) path.getArray());
        }
        return List.of(dimension);
    }

    /**
     * The sorted inputs and the method, one line each: the same text for the same computation. Under a panel profile
     * every period of the cohort rests on the same inputs, so they share one digest.
     */
    private static String digestText(CohortPeriod key, boolean panel, String method, List<String> codes,
            Map<String, NqpfIndicator> indicators, List<Input> inputs) {
        StringBuilder text = new StringBuilder();
        text.append("method=").append(method).append('\n');
        text.append("framework=").append(key.frameworkCode()).append(";cohort=").append(key.cohort())
                .append(panel ? ";periods=all" : ";period=" + key.period()).append('\n');
        for (String code : codes) {
            NqpfIndicator i = indicators.get(code);
            text.append("I|").append(code).append('|').append(String.join("/", i.path())).append('|')
                    .append(i.subsystem()).append('|').append(i.direction()).append('\n');
        }
        inputs.stream()
                .sorted((a, b) -> !a.entityId().equals(b.entityId()) ? a.entityId().compareTo(b.entityId())
                        : !a.period().equals(b.period()) ? a.period().compareTo(b.period())
                                : a.indicator().compareTo(b.indicator()))
                .forEach(in -> text.append("V|").append(in.entityId()).append('|').append(in.period()).append('|')
                        .append(in.indicator()).append('|').append(Double.toString(in.value())).append('\n'));
        return text.toString();
    }
}
