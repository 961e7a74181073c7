package org.nqpf.roadmap.library;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * The library's versions and their actions in PostgreSQL; which version is the newest is read on every plan, so a
 * publication is used at once. A published version's actions are kept in memory once read: it never changes (the
 * database refuses it), and every assessment event is planned from one.
 */
@Repository
public class ActionLibrary {

    private static final String SELECT_VERSION = """
            SELECT v.version, v.framework_code, v.status, v.based_on, v.created_at, v.published_at,
                   (SELECT count(*) FROM library_action a WHERE a.library_version = v.version) AS action_count
            FROM library_version v""";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Map<Integer, LibraryVersion> publishedVersions = new ConcurrentHashMap<>();

    public ActionLibrary(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public List<LibraryVersion.Summary> summaries() {
        return jdbc.sql(SELECT_VERSION + " ORDER BY v.version").query(ActionLibrary::summary).list();
    }

    public Optional<LibraryVersion> version(int version) {
        return jdbc.sql(SELECT_VERSION + " WHERE v.version = :version").param("version", version)
                .query(ActionLibrary::summary).optional().map(this::withActions);
    }

    /** The newest published version covering the framework: the one roadmaps of its assessments are built from. */
    public Optional<LibraryVersion> newestPublished(String frameworkCode) {
        return jdbc.sql(SELECT_VERSION + """

                WHERE v.status = 'PUBLISHED' AND v.framework_code = :framework
                ORDER BY v.version DESC LIMIT 1""")
                .param("framework", frameworkCode).query(ActionLibrary::summary).optional().map(this::published);
    }

    /** The newest published version of any framework. */
    public Optional<LibraryVersion> newestPublished() {
        return jdbc.sql(SELECT_VERSION + " WHERE v.status = 'PUBLISHED' ORDER BY v.version DESC LIMIT 1")
                .query(ActionLibrary::summary).optional().map(this::published);
    }

    public Optional<Integer> latestVersion() {
        return jdbc.sql("SELECT max(version) FROM library_version").query(Integer.class).optional();
    }

    /** Serialises the library's writers until the transaction ends, across instances. */
    void lock() {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('nqpf.action-library'))").query().listOfRows();
    }

    void insertVersion(int version, String frameworkCode, Integer basedOn) {
        jdbc.sql("INSERT INTO library_version (version, framework_code, based_on) VALUES (:v, :framework, :basedOn)")
                .param("v", version).param("framework", frameworkCode).param("basedOn", basedOn).update();
    }

    void setFramework(int version, String frameworkCode) {
        jdbc.sql("UPDATE library_version SET framework_code = :framework WHERE version = :v")
                .param("framework", frameworkCode).param("v", version).update();
    }

    void publish(int version) {
        jdbc.sql("UPDATE library_version SET status = 'PUBLISHED', published_at = now() WHERE version = :v")
                .param("v", version).update();
    }

    /** Adds the action to the version, or replaces the one of the same code. */
    void put(int version, LibraryAction action) {
        jdbc.sql("""
                INSERT INTO library_action (library_version, code, system, definition)
                VALUES (:v, :code, :system, CAST(:definition AS JSONB))
                ON CONFLICT (library_version, code) DO UPDATE SET system = EXCLUDED.system,
                                                                  definition = EXCLUDED.definition""")
                .param("v", version).param("code", action.code()).param("system", action.system().name())
                .param("definition", json.writeValueAsString(action)).update();
    }

    void delete(int version, String code) {
        jdbc.sql("DELETE FROM library_action WHERE library_version = :v AND code = :code")
                .param("v", version).param("code", code).update();
    }

    void deleteAll(int version) {
        jdbc.sql("DELETE FROM library_action WHERE library_version = :v").param("v", version).update();
    }

    /**
     * Only what the newest-published look-ups find is kept: no writer publishes in their transactions, so what they
     * see is committed, whereas a version read right after its publication could still be rolled back.
     */
    private LibraryVersion published(LibraryVersion.Summary s) {
        return publishedVersions.computeIfAbsent(s.version(), v -> withActions(s));
    }

    private LibraryVersion withActions(LibraryVersion.Summary s) {
        List<LibraryAction> actions = jdbc.sql("""
                SELECT definition::text FROM library_action WHERE library_version = :v ORDER BY code""")
                .param("v", s.version()).query(String.class).list().stream()
                .map(d -> json.readValue(d, LibraryAction.class)).toList();
        return new LibraryVersion(s.version(), s.frameworkCode(), s.status(), s.basedOn(), LibraryVersion.EFFECT_UNIT,
                s.createdAt(), s.publishedAt(), actions);
    }

    private static LibraryVersion.Summary summary(ResultSet rs, int row) throws SQLException {
        int basedOn = rs.getInt("based_on");
        return new LibraryVersion.Summary(rs.getInt("version"), rs.getString("framework_code"),
                LibraryVersion.Status.valueOf(rs.getString("status")), rs.wasNull() ? null : basedOn,
                rs.getInt("action_count"), instant(rs, "created_at"), instant(rs, "published_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
