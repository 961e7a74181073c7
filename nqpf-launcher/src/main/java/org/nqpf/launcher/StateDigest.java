package org.nqpf.launcher;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A fingerprint of what the platform holds: the stored observations (indicator-service), the current assessments
 * (assessment-service) and the current roadmaps (roadmap-service), each over only what must not depend on timing.
 * Two runs of the same stream, one clean and one through crashes, or a live schema and one rebuilt from the topics,
 * must give equal digests.
 * <p>
 * Left out on purpose: generated ids and times (ids, {@code received_at}, {@code computed_at}), revision numbers
 * (two channels may deliver revisions of one key in either order; which one is current is decided by its source
 * time, and that is in the digest), and the versions a roadmap went through on the way (how many intermediate
 * assessments a recompute coalesced depends on timing; the newest version does not).
 */
public final class StateDigest {

    /** How many rows went in, and the SHA-256 of their canonical text in a fixed order. */
    public record Digest(long rows, String sha256) {

        @Override
        public String toString() {
            return rows + " rows, sha256 " + sha256;
        }
    }

    private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]*");

    private StateDigest() {
    }

    /**
     * Every stored observation (its current value, source and source time, and how many revisions it has) and every
     * revision of its history (value, source, channel, source time, whether superseded), in {@code schema}
     * (indicator-service's, {@code indicator} by default).
     */
    public static Digest observations(Connection db, String schema) throws SQLException {
        return digest(db, observationRows(schema));
    }

    private static String observationRows(String schema) {
        String s = schema(schema);
        return """
                SELECT 'o', entity_id, indicator, period, value, deleted, source, channel, source_time, revisions
                FROM %1$s.observation
                UNION ALL
                SELECT 'r', o.entity_id, o.indicator, o.period, r.value, r.deleted, r.source, r.channel,
                       r.source_time, CASE WHEN r.superseded THEN 1 ELSE 0 END
                FROM %1$s.observation_revision r JOIN %1$s.observation o ON o.id = r.observation_id
                ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10""".formatted(s);
    }

    /**
     * The current assessment of every entity in every framework, cohort and period: its inputs' digest, its result's
     * digest (the result without id and time), score, rank and cohort size.
     */
    public static Digest assessments(Connection db, String schema) throws SQLException {
        return digest(db, assessmentRows(schema));
    }

    static String assessmentRows(String schema) {
        String s = schema(schema);
        return """
                SELECT framework_code, cohort, period, entity_id, framework_version, method, input_digest,
                       result_digest, overall_score, rank, cohort_size
                FROM %s.assessment
                ORDER BY framework_code, cohort, period, entity_id""".formatted(s);
    }

    /** The newest roadmap of every entity, cohort and framework: its period and its content's digest. */
    public static Digest roadmaps(Connection db, String schema) throws SQLException {
        return digest(db, roadmapRows(schema));
    }

    static String roadmapRows(String schema) {
        String s = schema(schema);
        return """
                SELECT DISTINCT ON (entity_id, cohort, framework_code)
                       entity_id, cohort, framework_code, period, content_digest
                FROM %s.roadmap
                ORDER BY entity_id, cohort, framework_code, version DESC""".formatted(s);
    }

    /**
     * Where two digests differ: at most {@code limit} rows (as the digest reads them) that one schema's rows query
     * gives and the other's does not, each way. What {@code ./nqpf rebuild} prints when the states differ.
     */
    static Difference difference(Connection db, Function<String, String> rows, String a,
            String b, int limit) throws SQLException {
        return new Difference(except(db, rows.apply(a), rows.apply(b), limit),
                except(db, rows.apply(b), rows.apply(a), limit));
    }

    /** Rows only in the first schema, and rows only in the second, as tab-separated text. */
    record Difference(List<String> onlyInFirst, List<String> onlyInSecond) {
    }

    private static List<String> except(Connection db, String first, String second, int limit)
            throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("SELECT * FROM (" + first + ") a EXCEPT ALL SELECT * FROM (" + second
                        + ") b LIMIT " + limit)) {
            while (rs.next()) {
                out.add(line(rs));
            }
        }
        return out;
    }

    private static String schema(String schema) {
        if (schema == null || !SCHEMA.matcher(schema).matches()) {
            throw new IllegalArgumentException("not a schema name: '" + schema + "'");
        }
        return schema;
    }

    /** Each row as tab-separated text, one line per row; NULL as \N, doubles in Java's shortest exact form. */
    private static Digest digest(Connection db, String sql) throws SQLException {
        MessageDigest sha = sha256();
        long rows = 0;
        try (Statement st = db.createStatement()) {
            st.setFetchSize(5_000); // streams (with autocommit off) instead of holding every row at once
            try (ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    sha.update((line(rs) + '\n').getBytes(StandardCharsets.UTF_8));
                    rows++;
                }
            }
        }
        return new Digest(rows, HexFormat.of().formatHex(sha.digest()));
    }

    private static String line(ResultSet rs) throws SQLException {
        StringBuilder line = new StringBuilder(256);
        int columns = rs.getMetaData().getColumnCount();
        for (int c = 1; c <= columns; c++) {
            if (c > 1) {
                line.append('\t');
            }
            Object v = rs.getObject(c);
            line.append(v == null ? "\\N" : v instanceof Double d ? Double.toString(d) : v.toString());
        }
        return line.toString();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
