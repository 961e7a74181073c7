package org.nqpf.assessment.profile;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.nqpf.engine.pipeline.Assessor;
import org.nqpf.engine.profile.Profile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The versioned method profile of each framework: the same JSON as {@code ./nqpf assess --profile} takes, run by the
 * same pipeline ({@link Assessor}). A framework nobody has set a profile for is assessed with the default profile
 * (min-max [0, 100], equal weights, arithmetic means), reported as version 0. The service publishes coupling
 * coordination and obstacle degrees for every assessment, so a profile whose scores have no fixed scale is refused,
 * with the reason the command gives where it needs the scale.
 */
@Component
public class MethodProfiles {

    /** One version of a framework's profile: its JSON as given, and the engine it configures. */
    public record Version(String frameworkCode, int version, String json, Instant createdAt) {
    }

    /** The pipeline a profile version configures, with the version for provenance. */
    public record Configured(int version, Profile profile, Assessor assessor) {
        public String describe() {
            return "profile=v" + version + ";" + assessor.describe();
        }

        /**
         * Whether one period's results depend on the other periods' data, so the pipeline must see the cohort's
         * whole panel (as {@code ./nqpf assess} sees a whole file): bounds over the panel, data-driven weights (one
         * set from every unit-period), imputation along each unit's series.
         */
        public boolean spansPeriods() {
            Profile.WeightsMethod w = profile.weights().method();
            return profile.normalise().over() == Profile.Over.PANEL || w == Profile.WeightsMethod.ENTROPY
                    || w == Profile.WeightsMethod.CRITIC || w == Profile.WeightsMethod.COMBINED
                    || profile.impute().method().panel();
        }
    }

    static final String DEFAULT_JSON = """
            {"normalise": {"method": "minmax", "range": [0, 100]}, "weights": {"method": "equal"}, "aggregate": {"method": "amean"}}""";

    private final JdbcClient jdbc;
    private final Map<String, Configured> cache = new ConcurrentHashMap<>();

    public MethodProfiles(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The engine of the framework's newest profile version. */
    public Configured current(String frameworkCode) {
        Version v = latest(frameworkCode).orElse(new Version(frameworkCode, 0, DEFAULT_JSON, null));
        Configured cached = cache.get(frameworkCode);
        if (cached != null && cached.version() == v.version()) {
            return cached;
        }
        Configured configured = configure(v.version(), v.json());
        cache.put(frameworkCode, configured);
        return configured;
    }

    /** The engine of one version of the framework's profile (0: the default); empty for a version never set. */
    public Optional<Configured> configured(String frameworkCode, int version) {
        if (version == 0) {
            return Optional.of(configure(0, DEFAULT_JSON));
        }
        return jdbc.sql("SELECT profile::text FROM method_profile WHERE framework_code = ? AND version = ?")
                .params(frameworkCode, version).query(String.class).optional()
                .map(json -> configure(version, json));
    }

    public Optional<Version> latest(String frameworkCode) {
        return jdbc.sql("""
                SELECT framework_code, version, profile::text, created_at FROM method_profile
                WHERE framework_code = ? ORDER BY version DESC LIMIT 1""").param(frameworkCode)
                .query((rs, i) -> new Version(rs.getString(1), rs.getInt(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant()))
                .optional();
    }

    public List<Version> versions(String frameworkCode) {
        return jdbc.sql("""
                SELECT framework_code, version, profile::text, created_at FROM method_profile
                WHERE framework_code = ? ORDER BY version DESC""").param(frameworkCode)
                .query((rs, i) -> new Version(rs.getString(1), rs.getInt(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant()))
                .list();
    }

    /**
     * Stores a new version after checking that the engine can run it; every cohort-period of the framework is then
     * recomputed with it.
     *
     * @throws IllegalArgumentException naming what is wrong in the profile
     */
    @Transactional
    public Version save(String frameworkCode, String json) {
        configure(0, json);
        // Waits for the framework's recomputes under way (they read the old profile) and holds off new ones until
        // this version commits: every result from then on is the new profile's, whatever the marks below miss (a
        // cohort-period whose first results were not yet committed has no assessment to be found by).
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('nqpf.method-profile.' || ?))").param(frameworkCode)
                .query().listOfRows();
        int next = latest(frameworkCode).map(Version::version).orElse(0) + 1;
        jdbc.sql("INSERT INTO method_profile (framework_code, version, profile) VALUES (?, ?, ?::jsonb)")
                .params(frameworkCode, next, json).update();
        // Results must follow the method: every cohort-period of the framework is marked for recompute. A mark that
        // is there already is marked again, as DirtyCohortPeriods.mark does: the update waits for a recompute that
        // holds it (it read the old profile) to clear it, then writes the mark anew. Doing nothing on a conflict
        // left that recompute to clear the only mark, and the new profile was never applied.
        jdbc.sql("""
                INSERT INTO dirty_cohort_period (framework_code, cohort, period)
                SELECT DISTINCT a.framework_code, a.cohort, a.period FROM assessment a WHERE a.framework_code = ?
                ORDER BY a.cohort, a.period
                ON CONFLICT (framework_code, cohort, period)
                DO UPDATE SET marked_at = clock_timestamp(), attempts = 0, last_error = NULL, retry_at = NULL"""
        ).param(frameworkCode).update();
        // Those that failed under the previous version (some may have no assessment) are retried at once.
        jdbc.sql("UPDATE dirty_cohort_period SET attempts = 0, last_error = NULL, retry_at = NULL "
                + "WHERE framework_code = ? AND attempts > 0").param(frameworkCode).update();
        return latest(frameworkCode).orElseThrow();
    }

    /**
     * The framework's newest profile, held for this transaction: a save waits until the transaction ends, so what it
     * computes with this profile is either committed before the new version or recomputed after it.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Configured hold(String frameworkCode) {
        jdbc.sql("SELECT pg_advisory_xact_lock_shared(hashtext('nqpf.method-profile.' || ?))").param(frameworkCode)
                .query().listOfRows();
        return current(frameworkCode);
    }

    /** @throws org.nqpf.engine.profile.ProfileException naming the setting that cannot run */
    static Configured configure(int version, String json) {
        Profile profile = Profile.parse(json, "profile");
        // The profile's uncertainty analysis runs on request (/uncertainty), not in every recompute.
        Assessor assessor = new Assessor(profile.withUncertainty(null));
        assessor.requireScale();
        return new Configured(version, profile, assessor);
    }
}
