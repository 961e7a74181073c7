package org.nqpf.indicator.apikeys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nqpf.web.FieldError;
import org.nqpf.web.InvalidInputException;
import org.nqpf.web.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates, rotates, revokes and checks API keys. A key reads {@code nqpf_<id>_<secret>}: the id finds the row, the
 * secret (32 random bytes) is compared by its SHA-256, in constant time. The secret's entropy makes a slow hash
 * unnecessary: nothing to guess, only to steal, and the table holds no secret to steal.
 */
@Component
public class ApiKeys {

    static final Pattern FORMAT = Pattern.compile("nqpf_([0-9a-f]{16})_([A-Za-z0-9_-]{43})");
    private static final Pattern SOURCE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Duration LAST_USED_GRANULARITY = Duration.ofMinutes(1);

    private final JdbcClient jdbc;
    private final SecureRandom random = new SecureRandom();

    public ApiKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A new key for a feed's source; the answer is the only time its secret is shown. */
    @Transactional
    public ApiKey create(String name, String source, String createdBy) {
        List<FieldError> problems = new ArrayList<>();
        if (name == null || name.isBlank() || name.length() > 200) {
            problems.add(new FieldError("name", "a key needs a name of 1 to 200 characters (who uses it)"));
        }
        if (source == null || !SOURCE.matcher(source).matches()) {
            problems.add(new FieldError("source", "a key needs the source its feed submits under: letters, digits,"
                    + " '.', '_' or '-', up to 128"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException("invalid-api-key", "The API key cannot be created", problems);
        }
        String id = HexFormat.of().formatHex(bytes(8));
        String secret = secret();
        jdbc.sql("""
                INSERT INTO api_key (id, name, source, secret_sha256, created_by, created_at)
                VALUES (?, ?, ?, ?, ?, now())""").params(id, name, source, sha256(secret), createdBy).update();
        return find(id).orElseThrow().withKey(format(id, secret));
    }

    public List<ApiKey> list() {
        return jdbc.sql("SELECT * FROM api_key ORDER BY created_at, id").query((rs, i) -> key(rs)).list();
    }

    public Optional<ApiKey> find(String id) {
        return jdbc.sql("SELECT * FROM api_key WHERE id = ?").param(id).query((rs, i) -> key(rs)).optional();
    }

    /** A new secret for the key, the old one refused from now on; a revoked key stays revoked. */
    @Transactional
    public ApiKey rotate(String id) {
        String secret = secret();
        int updated = jdbc.sql("UPDATE api_key SET secret_sha256 = ?, rotated_at = now() WHERE id = ? AND revoked_at IS NULL")
                .params(sha256(secret), id).update();
        if (updated == 0) {
            throw new NotFoundException("no active API key " + id);
        }
        return find(id).orElseThrow().withKey(format(id, secret));
    }

    @Transactional
    public ApiKey revoke(String id) {
        jdbc.sql("UPDATE api_key SET revoked_at = coalesce(revoked_at, now()) WHERE id = ?").param(id).update();
        return find(id).orElseThrow(() -> new NotFoundException("no API key " + id));
    }

    /** The active key the presented value belongs to, or empty: unknown, malformed, wrong secret, revoked. */
    public Optional<ApiKey> authenticate(String presented) {
        Matcher m = presented == null ? null : FORMAT.matcher(presented.trim());
        if (m == null || !m.matches()) {
            return Optional.empty();
        }
        String id = m.group(1);
        Optional<byte[]> stored = jdbc.sql("SELECT secret_sha256 FROM api_key WHERE id = ? AND revoked_at IS NULL")
                .param(id).query((rs, i) -> rs.getBytes(1)).optional();
        if (stored.isEmpty() || !MessageDigest.isEqual(stored.get(), sha256(m.group(2)))) {
            return Optional.empty();
        }
        // at most one write a minute per key: a busy feed must not turn every request into an UPDATE
        jdbc.sql("UPDATE api_key SET last_used_at = now() WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)")
                .params(id, java.sql.Timestamp.from(Instant.now().minus(LAST_USED_GRANULARITY))).update();
        return find(id);
    }

    private static ApiKey key(ResultSet rs) throws SQLException {
        return new ApiKey(rs.getString("id"), rs.getString("name"), rs.getString("source"),
                rs.getString("created_by"), instant(rs, "created_at"), instant(rs, "rotated_at"),
                instant(rs, "revoked_at"), instant(rs, "last_used_at"), null);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        java.sql.Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private String secret() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(32));
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    static String format(String id, String secret) {
        return "nqpf_" + id + "_" + secret;
    }

    static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
