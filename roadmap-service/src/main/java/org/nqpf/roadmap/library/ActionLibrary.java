package org.nqpf.roadmap.library;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.nqpf.contracts.ActionSystem;
import org.nqpf.contracts.Dimension;
import org.nqpf.contracts.Mechanism;
import org.nqpf.contracts.Subsystem;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The action library, seeded by migration; read on every plan so added actions are used at once. */
@Repository
public class ActionLibrary {

    private static final String SELECT = """
            SELECT code, title, title_zh, system, dimension, mechanism, subsystem, actor, instrument, entity_kinds,
                   horizon, horizon_years
            FROM action""";

    private final JdbcClient jdbc;

    public ActionLibrary(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every action, ordered by code so that whoever reads them gets the same order. */
    public List<LibraryAction> all() {
        return jdbc.sql(SELECT + " ORDER BY code").query(ActionLibrary::map).list();
    }

    /** Actions filtered by system and/or dimension; a null filter matches everything. */
    public List<LibraryAction> find(ActionSystem system, Dimension dimension) {
        return jdbc.sql(SELECT + """

                WHERE (CAST(:system AS TEXT) IS NULL OR system = :system)
                  AND (CAST(:dimension AS TEXT) IS NULL OR dimension = :dimension)
                ORDER BY code""")
                .param("system", system == null ? null : system.name())
                .param("dimension", dimension == null ? null : dimension.name())
                .query(ActionLibrary::map).list();
    }

    public Optional<LibraryAction> byCode(String code) {
        return jdbc.sql(SELECT + " WHERE code = :code").param("code", code).query(ActionLibrary::map).optional();
    }

    private static LibraryAction map(ResultSet rs, int row) throws SQLException {
        return new LibraryAction(rs.getString("code"), rs.getString("title"), rs.getString("title_zh"),
                ActionSystem.valueOf(rs.getString("system")), Dimension.valueOf(rs.getString("dimension")),
                Mechanism.valueOf(rs.getString("mechanism")), Subsystem.valueOf(rs.getString("subsystem")),
                Actor.valueOf(rs.getString("actor")), rs.getString("instrument"), kinds(rs.getArray("entity_kinds")),
                Phase.valueOf(rs.getString("horizon")), rs.getInt("horizon_years"));
    }

    private static Set<EntityKind> kinds(Array array) throws SQLException {
        String[] values = (String[]) array.getArray();
        return Arrays.stream(values).map(EntityKind::valueOf)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(EntityKind.class)));
    }
}
