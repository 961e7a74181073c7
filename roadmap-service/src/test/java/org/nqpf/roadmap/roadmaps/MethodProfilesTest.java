package org.nqpf.roadmap.roadmaps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nqpf.roadmap.planning.PlanningProfile;
import org.nqpf.web.FieldError;

/** The method profile's rules, each mistake named by its field. */
class MethodProfilesTest {

    private static PlanningProfile profile(PlanningProfile.Weights w, String strategy, double quantile,
            PlanningProfile.FrontierSpec frontier) {
        return new PlanningProfile(0, w, strategy, quantile, 3, 8, 12, frontier);
    }

    private static List<String> fields(PlanningProfile p) {
        return MethodProfiles.problems(p).stream().map(FieldError::field).toList();
    }

    @Test
    void should_AcceptTheDefaults() {
        assertThat(MethodProfiles.problems(PlanningProfile.defaults())).isEmpty();
    }

    @Test
    void should_RefuseNegativeOrAllZeroWeights() {
        assertThat(fields(profile(new PlanningProfile.Weights(-0.1, 0.5, 0.5), "QUANTILE", 0.75,
                PlanningProfile.defaults().frontier()))).containsExactly("weights.impact");
        assertThat(fields(profile(new PlanningProfile.Weights(0, 0, 0), "QUANTILE", 0.75,
                PlanningProfile.defaults().frontier()))).containsExactly("weights");
        assertThat(fields(profile(new PlanningProfile.Weights(0, 0, 1), "QUANTILE", 0.75,
                PlanningProfile.defaults().frontier()))).isEmpty();
    }

    @Test
    void should_RefuseAQuantileOutsideTheOpenUnitInterval_AndAnUnknownStrategy() {
        PlanningProfile.Weights w = PlanningProfile.defaults().weights();
        assertThat(fields(profile(w, "QUANTILE", 0, PlanningProfile.defaults().frontier())))
                .containsExactly("quantile");
        assertThat(fields(profile(w, "QUANTILE", 1, PlanningProfile.defaults().frontier())))
                .containsExactly("quantile");
        assertThat(fields(profile(w, "LEADER", 0.5, PlanningProfile.defaults().frontier())))
                .containsExactly("targetStrategy");
    }

    @Test
    void should_RefuseAnUnknownFrontierModelOrOrientation_AndInputsWithoutOutputs() {
        PlanningProfile.Weights w = PlanningProfile.defaults().weights();
        assertThat(fields(profile(w, "FRONTIER", 0.5, new PlanningProfile.FrontierSpec("SBM", "BOTH", null, null))))
                .containsExactly("frontier.model", "frontier.orientation");
        assertThat(fields(profile(w, "FRONTIER", 0.5,
                new PlanningProfile.FrontierSpec("CCR", "INPUT", List.of("AI"), null))))
                .containsExactly("frontier.outputs");
        assertThat(fields(profile(w, "FRONTIER", 0.5, null))).containsExactly("frontier");
    }

    @Test
    void should_RefuseCountsBelowOne() {
        PlanningProfile p = new PlanningProfile(0, PlanningProfile.defaults().weights(), "NEAREST_PEERS", 0.75, 0, 0,
                0, PlanningProfile.defaults().frontier());
        assertThat(fields(p)).containsExactly("nearestPeers", "maxTargets", "maxActions");
    }
}
