package org.nqpf.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HierarchyTest {

    @Test
    void should_ComputeLevelsAndBottomUpOrder() {
        Hierarchy h = Hierarchy.builder()
                .aggregate("Index", null)
                .aggregate("Conn", "Index")
                .aggregate("Physical", "Conn")
                .indicator("LPI", "Physical", 1)
                .indicator("Tariff", "Conn", -1)
                .build();
        assertThat(h.root()).isEqualTo("Index");
        assertThat(h.level("LPI")).isEqualTo(1);
        assertThat(h.level("Physical")).isEqualTo(2);
        assertThat(h.level("Conn")).isEqualTo(3);
        assertThat(h.level("Index")).isEqualTo(4);
        assertThat(h.aggregatesBottomUp()).containsExactly("Physical", "Conn", "Index");
        assertThat(h.ancestors("LPI")).containsExactly("Physical", "Conn", "Index");
        assertThat(h.indicators()).containsExactly("LPI", "Tariff");
    }

    @Test
    void should_RejectMalformedHierarchies() {
        assertThatThrownBy(() -> Hierarchy.builder().aggregate("A", null).indicator("x", "B", 1).build())
                .hasMessageContaining("unknown parent B");
        assertThatThrownBy(() -> Hierarchy.builder().aggregate("A", null).aggregate("B", null).build())
                .hasMessageContaining("two roots");
        assertThatThrownBy(() -> Hierarchy.builder().aggregate("A", null).aggregate("Empty", "A")
                .indicator("x", "A", 1).build()).hasMessageContaining("Empty has no children");
        assertThatThrownBy(() -> Hierarchy.builder().aggregate("A", null).indicator("x", "A", 1)
                .indicator("x", "A", 1)).hasMessageContaining("declared twice");
        assertThatThrownBy(() -> Hierarchy.builder().aggregate("R", null).indicator("r", "R", 1)
                .aggregate("P", "Q").aggregate("Q", "P").indicator("y", "P", 1).build())
                .isInstanceOf(IllegalArgumentException.class);
    }
}
