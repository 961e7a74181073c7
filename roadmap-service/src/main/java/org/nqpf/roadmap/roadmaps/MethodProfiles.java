package org.nqpf.roadmap.roadmaps;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nqpf.roadmap.planning.PlanningProfile;
import org.nqpf.web.FieldError;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The roadmap's method profile of each framework, in versions; a framework with none is planned by the defaults. */
@Repository
public class MethodProfiles {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public MethodProfiles(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public Optional<PlanningProfile> stored(String framework) {
        return jdbc.sql("""
                SELECT profile::text FROM method_profile WHERE framework_code = :framework
                ORDER BY version DESC LIMIT 1""")
                .param("framework", framework).query(String.class).optional()
                .map(p -> json.readValue(p, PlanningProfile.class));
    }

    /** What roadmaps of the framework are planned with. */
    public PlanningProfile of(String framework) {
        return stored(framework).orElseGet(PlanningProfile::defaults);
    }

    /** Stores the profile as the framework's next version; returns it with that version. */
    public PlanningProfile store(String framework, PlanningProfile profile) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('nqpf.method-profile.' || :framework))")
                .param("framework", framework).query().listOfRows();
        int version = jdbc.sql("SELECT COALESCE(max(version), 0) + 1 FROM method_profile WHERE framework_code = :f")
                .param("f", framework).query(Integer.class).single();
        PlanningProfile stored = new PlanningProfile(version, profile.weights(), profile.targetStrategy(),
                profile.quantile(), profile.nearestPeers(), profile.maxTargets(), profile.maxActions(),
                profile.frontier());
        jdbc.sql("""
                INSERT INTO method_profile (framework_code, version, profile)
                VALUES (:framework, :version, CAST(:profile AS JSONB))""")
                .param("framework", framework).param("version", version)
                .param("profile", json.writeValueAsString(stored)).update();
        return stored;
    }

    /** Everything wrong with a profile, each naming its field; empty when it can plan. */
    public static List<FieldError> problems(PlanningProfile p) {
        List<FieldError> errors = new ArrayList<>();
        PlanningProfile.Weights w = p.weights();
        if (w == null) {
            errors.add(new FieldError("weights", "is required: impact, urgency and feasibility, each >= 0"));
        }
        else {
            weight(errors, "weights.impact", w.impact());
            weight(errors, "weights.urgency", w.urgency());
            weight(errors, "weights.feasibility", w.feasibility());
            if (w.impact() == 0 && w.urgency() == 0 && w.feasibility() == 0) {
                errors.add(new FieldError("weights", "are all 0: nothing would rank the actions"));
            }
        }
        if (!PlanningProfile.STRATEGIES.contains(p.targetStrategy())) {
            errors.add(FieldError.rejected("targetStrategy", "must be one of " + PlanningProfile.STRATEGIES,
                    p.targetStrategy()));
        }
        if (!(p.quantile() > 0 && p.quantile() < 1)) {
            errors.add(FieldError.rejected("quantile", "must lie strictly between 0 and 1", p.quantile()));
        }
        if (p.nearestPeers() < 1) {
            errors.add(FieldError.rejected("nearestPeers", "must be at least 1", p.nearestPeers()));
        }
        if (p.maxTargets() < 1) {
            errors.add(FieldError.rejected("maxTargets", "must be at least 1", p.maxTargets()));
        }
        if (p.maxActions() < 1) {
            errors.add(FieldError.rejected("maxActions", "must be at least 1", p.maxActions()));
        }
        PlanningProfile.FrontierSpec f = p.frontier();
        if (f == null) {
            errors.add(new FieldError("frontier", "is required: model CCR or BCC, orientation INPUT or OUTPUT"));
        }
        else {
            if (!List.of("CCR", "BCC").contains(f.model())) {
                errors.add(FieldError.rejected("frontier.model", "must be CCR or BCC", f.model()));
            }
            if (!List.of("INPUT", "OUTPUT").contains(f.orientation())) {
                errors.add(FieldError.rejected("frontier.orientation", "must be INPUT or OUTPUT", f.orientation()));
            }
            if ((f.inputs() == null) != (f.outputs() == null)) {
                errors.add(new FieldError(f.inputs() == null ? "frontier.inputs" : "frontier.outputs",
                        "name both inputs and outputs, or neither for the default"));
            }
            else if (f.inputs() != null && (f.inputs().isEmpty() || f.outputs().isEmpty())) {
                errors.add(new FieldError(f.inputs().isEmpty() ? "frontier.inputs" : "frontier.outputs",
                        "must name at least one variable"));
            }
        }
        return errors;
    }

    private static void weight(List<FieldError> errors, String field, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            errors.add(FieldError.rejected(field, "must be a finite number >= 0", value));
        }
    }
}
