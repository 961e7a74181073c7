package org.nqpf.roadmap.library;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nqpf.contracts.AssessmentComputed;
import org.nqpf.contracts.AssessmentComputed.IndicatorScore;
import org.nqpf.contracts.Dimension;
import org.nqpf.contracts.Subsystem;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What this service knows of each framework's indicators: the seeded default framework and what the assessment
 * events it consumes list. Library versions are checked against it.
 */
@Repository
public class FrameworkIndicators {

    private final JdbcClient jdbc;

    public FrameworkIndicators(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The indicators known of a framework, over all its versions (the newest version's placement wins). */
    public record Known(String frameworkCode, Map<String, Indicator> indicators) {

        public record Indicator(String code, Dimension dimension, Subsystem subsystem) {
        }
    }

    public Known of(String frameworkCode) {
        Map<String, Known.Indicator> indicators = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT DISTINCT ON (code) code, dimension, subsystem FROM framework_indicator
                WHERE framework_code = :framework ORDER BY code, framework_version DESC""")
                .param("framework", frameworkCode)
                .query((rs, row) -> new Known.Indicator(rs.getString("code"), Dimension.valueOf(rs.getString("dimension")),
                        rs.getString("subsystem") == null ? null : Subsystem.valueOf(rs.getString("subsystem"))))
                .list().forEach(i -> indicators.put(i.code(), i));
        return new Known(frameworkCode, Map.copyOf(indicators));
    }

    /** Learns the indicators an assessment lists; one statement, and a known one changes nothing. */
    public void record(AssessmentComputed a) {
        if (a.frameworkCode() == null || a.indicators() == null || a.indicators().isEmpty()) {
            return;
        }
        List<IndicatorScore> usable = a.indicators().stream()
                .filter(i -> i != null && i.indicator() != null && i.dimension() != null).toList();
        if (usable.isEmpty()) {
            return;
        }
        jdbc.sql("""
                INSERT INTO framework_indicator (framework_code, framework_version, code, dimension, subsystem)
                SELECT :framework, :version, code, dimension, subsystem
                FROM unnest(CAST(:codes AS TEXT[]), CAST(:dimensions AS TEXT[]), CAST(:subsystems AS TEXT[]))
                     AS t (code, dimension, subsystem)
                ON CONFLICT DO NOTHING""")
                .param("framework", a.frameworkCode())
                .param("version", a.frameworkVersion())
                .param("codes", usable.stream().map(IndicatorScore::indicator).toArray(String[]::new))
                .param("dimensions", usable.stream().map(i -> i.dimension().name()).toArray(String[]::new))
                .param("subsystems", usable.stream().map(i -> i.subsystem() == null ? null : i.subsystem().name())
                        .toArray(String[]::new))
                .update();
    }
}
