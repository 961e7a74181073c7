package org.nqpf.indicator.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.nqpf.contracts.Dimension;
import org.nqpf.contracts.Mechanism;
import org.nqpf.contracts.Subsystem;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The indicator catalog: frameworks, their versions and indicators, read from the service's own schema. */
@Component
public class Catalog {

    private final JdbcClient jdbc;

    public Catalog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every framework with its versions, by code. */
    public List<FrameworkSummary> summaries() {
        return summaries(null);
    }

    public Optional<FrameworkSummary> summary(String code) {
        return summaries(code).stream().findFirst();
    }

    private List<FrameworkSummary> summaries(String code) {
        record Row(String code, String nameEn, String nameZh, String description, FrameworkSummary.Version version) {
        }
        List<Row> rows = jdbc.sql("""
                SELECT f.*, (SELECT count(*) FROM indicator i
                             WHERE i.framework_code = f.code AND i.framework_version = f.version) AS indicator_count
                FROM framework f WHERE (:code::text IS NULL OR f.code = :code) ORDER BY f.code, f.version""")
                .param("code", code)
                .query((rs, i) -> new Row(rs.getString("code"), rs.getString("name_en"), rs.getString("name_zh"),
                        rs.getString("description"), new FrameworkSummary.Version(rs.getInt("version"),
                                Framework.Status.valueOf(rs.getString("status")), rs.getBoolean("is_default"),
                                rs.getInt("indicator_count"), instant(rs, "created_at"), instant(rs, "published_at"))))
                .list();
        Map<String, List<Row>> byCode = rows.stream()
                .collect(Collectors.groupingBy(Row::code, LinkedHashMap::new, Collectors.toList()));
        List<FrameworkSummary> summaries = new ArrayList<>();
        byCode.forEach((c, versions) -> {
            Row latest = versions.get(versions.size() - 1);
            List<FrameworkSummary.Version> vs = versions.stream().map(Row::version).toList();
            Integer latestPublished = vs.stream().filter(v -> v.status() == Framework.Status.PUBLISHED)
                    .map(FrameworkSummary.Version::version).reduce((a, b) -> b).orElse(null);
            Integer defaultVersion = vs.stream().filter(FrameworkSummary.Version::isDefault)
                    .map(FrameworkSummary.Version::version).findFirst().orElse(null);
            summaries.add(new FrameworkSummary(c, latest.nameEn(), latest.nameZh(), latest.description(),
                    latest.version().version(), latestPublished, defaultVersion, vs));
        });
        return summaries;
    }

    public Optional<Framework> framework(String code, int version) {
        return jdbc.sql("SELECT * FROM framework WHERE code = ? AND version = ?").params(code, version)
                .query((rs, i) -> framework(rs, indicators(code, version))).optional();
    }

    /** The framework observations are validated and published against. */
    public Framework defaultFramework() {
        return jdbc.sql("SELECT * FROM framework WHERE is_default")
                .query((rs, i) -> framework(rs, indicators(rs.getString("code"), rs.getInt("version"))))
                .optional()
                .orElseThrow(() -> new IllegalStateException("no default framework is defined"));
    }

    /** The default framework's indicators by code: what ingestion validates observations against. */
    public Map<String, Indicator> defaultIndicatorsByCode() {
        return defaultFramework().indicators().stream()
                .collect(Collectors.toMap(Indicator::code, Function.identity()));
    }

    /** A version's indicators in the hierarchy's order: by dimension, then AI before NQPF, then code. */
    public List<Indicator> indicators(String frameworkCode, int version) {
        return jdbc.sql("""
                SELECT * FROM indicator WHERE framework_code = ? AND framework_version = ?
                ORDER BY array_position(ARRAY['LABORERS','MEANS_OF_LABOR','OBJECTS_OF_LABOR','OPTIMIZED_COMBINATION'], dimension), sub_dimensions NULLS FIRST, subsystem DESC, code""")
                .params(frameworkCode, version)
                .query((rs, i) -> indicator(rs))
                .list();
    }

    static Framework framework(ResultSet rs, List<Indicator> indicators) throws SQLException {
        return new Framework(rs.getString("code"), rs.getInt("version"), rs.getString("name_en"),
                rs.getString("name_zh"), rs.getString("description"),
                Framework.Status.valueOf(rs.getString("status")), rs.getBoolean("is_default"),
                instant(rs, "created_at"), instant(rs, "published_at"), indicators);
    }

    private static Indicator indicator(ResultSet rs) throws SQLException {
        return new Indicator(rs.getString("framework_code"), rs.getInt("framework_version"), rs.getString("code"),
                rs.getString("name_en"), rs.getString("name_zh"), Dimension.valueOf(rs.getString("dimension")),
                Subsystem.valueOf(rs.getString("subsystem")), Mechanism.valueOf(rs.getString("mechanism")),
                rs.getString("unit"), rs.getInt("direction"), nullableDouble(rs, "min_value"),
                nullableDouble(rs, "max_value"), nullableDouble(rs, "target"), rs.getString("origin"),
                rs.getString("rationale"), rs.getArray("sub_dimensions") == null ? List.of()
                        : List.of((String[]) rs.getArray("sub_dimensions").getArray()));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Double nullableDouble(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }
}
