package org.nqpf.engine.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nqpf.engine.CouplingCoordination;
import org.nqpf.engine.EntropyWeights;
import org.nqpf.engine.Range;
import org.nqpf.engine.data.Imputation;

class ProfileTest {

    @Test
    void should_DefaultToCoinrsAsemMethod() {
        Profile p = Profile.defaults();
        assertThat(p.normalise().method()).isEqualTo(Profile.NormaliseMethod.MINMAX);
        assertThat(p.normalise().range()).isEqualTo(Range.PERCENT);
        assertThat(p.normalise().over()).isEqualTo(Profile.Over.PERIOD);
        assertThat(p.weights().method()).isEqualTo(Profile.WeightsMethod.META);
        assertThat(p.aggregate().method()).isEqualTo(Profile.AggregateMethod.AMEAN);
        assertThat(p.impute().method()).isEqualTo(Imputation.NONE);
        assertThat(p.outliers().enabled()).isFalse();
        assertThat(p.uncertainty()).isNull();
    }

    @Test
    void should_ParseEveryStep() {
        Profile p = Profile.parse("""
                {"screen": {"threshold": 0.66}, "impute": {"method": "linear-constant"},
                 "outliers": {"method": "coinr", "winmax": 3},
                 "normalise": {"method": "goalposts", "range": [1, 100], "over": "panel", "goalposts": {"x": [0, 10]}},
                 "weights": {"method": "combined", "subjective": {"method": "meta"},
                             "objective": {"method": "entropy", "on": "raw"}, "combine": "linear", "alpha": 0.3},
                 "aggregate": {"method": "gmean"},
                 "coupling": {"method": "corrected", "alpha": {"AI": 0.4, "NQPF": 0.6}}}""", "p.json");
        assertThat(p.screen().threshold()).isEqualTo(0.66);
        assertThat(p.impute().method()).isEqualTo(Imputation.LINEAR_CONSTANT);
        assertThat(p.outliers().winmax()).isEqualTo(3);
        assertThat(p.normalise().goalposts().get("x").high()).isEqualTo(10);
        assertThat(p.weights().objective().on()).isEqualTo(EntropyWeights.Basis.RAW);
        assertThat(p.weights().alpha()).isEqualTo(0.3);
        assertThat(p.coupling().model()).isEqualTo(CouplingCoordination.Model.CORRECTED);
        assertThat(p.coupling().alpha()).containsEntry("NQPF", 0.6);
    }

    @Test
    void should_NameThePathOfABadSetting() {
        assertThatThrownBy(() -> Profile.parse("{\"normalise\": {\"range\": [100, 0]}}", "p.json"))
                .hasMessageStartingWith("p.json: normalise.range");
        assertThatThrownBy(() -> Profile.parse("{\"weights\": {\"method\": \"ahp\"}}", "p.json"))
                .hasMessage("p.json: weights method ahp needs matrices");
        assertThatThrownBy(() -> Profile.parse("{\"aggregate\": {\"metod\": \"amean\"}}", "p.json"))
                .hasMessageContaining("unknown setting aggregate.metod");
        assertThatThrownBy(() -> Profile.parse("{\"coupling\": {\"method\": \"fancy\"}}", "p.json"))
                .hasMessageContaining("coupling.method 'fancy' is unknown; use standard or corrected");
    }
}
