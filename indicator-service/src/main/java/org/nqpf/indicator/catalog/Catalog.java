package org.nqpf.indicator.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
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

/** The indicator catalog: frameworks and their indicators, read from the service's own schema. */
@Component
public class Catalog {

    private final JdbcClient jdbc;

    public Catalog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Framework> frameworks() {
        return jdbc.sql("SELECT * FROM framework ORDER BY code, version")
                .query((rs, i) -> framework(rs, indicators(rs.getString("code"), rs.getInt("version"))))
                .list();
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

    public Map<String, Indicator> defaultIndicatorsByCode() {
        return defaultFramework().indicators().stream()
                .collect(Collectors.toMap(Indicator::code, Function.identity()));
    }

    public List<Indicator> indicators(String frameworkCode, int version) {
        return jdbc.sql("""
                SELECT * FROM indicator WHERE framework_code = ? AND framework_version = ?
                ORDER BY array_position(ARRAY['LABORERS','MEANS_OF_LABOR','OBJECTS_OF_LABOR','OPTIMIZED_COMBINATION'], dimension), subsystem DESC, code""")
                .params(frameworkCode, version)
                .query((rs, i) -> indicator(rs))
                .list();
    }

    private static Framework framework(ResultSet rs, List<Indicator> indicators) throws SQLException {
        return new Framework(rs.getString("code"), rs.getInt("version"), rs.getString("name_en"),
                rs.getString("name_zh"), rs.getString("description"), rs.getBoolean("is_default"),
                rs.getTimestamp("created_at").toInstant(), indicators);
    }

    private static Indicator indicator(ResultSet rs) throws SQLException {
        return new Indicator(rs.getString("framework_code"), rs.getInt("framework_version"), rs.getString("code"),
                rs.getString("name_en"), rs.getString("name_zh"), Dimension.valueOf(rs.getString("dimension")),
                Subsystem.valueOf(rs.getString("subsystem")), Mechanism.valueOf(rs.getString("mechanism")),
                rs.getString("unit"), rs.getInt("direction"), nullableDouble(rs, "min_value"),
                nullableDouble(rs, "max_value"), nullableDouble(rs, "target"), rs.getString("origin"),
                rs.getString("rationale"));
    }

    private static Double nullableDouble(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }
}
