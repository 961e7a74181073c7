package org.nqpf.indicator.catalog;

import org.nqpf.web.ConflictException;
import org.nqpf.web.FieldError;
import java.util.ArrayList;
import java.util.List;
import org.nqpf.indicator.catalog.FrameworkDraft.IndicatorDraft;
import org.nqpf.web.NotFoundException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates and versions frameworks. A version is a draft until published; published versions never change (what
 * observations were validated against must stay what it was), so a change makes the next version. Only a published
 * version can become the default, the one ingestion validates against.
 */
@Component
public class FrameworkVersions {

    private final JdbcClient jdbc;
    private final Catalog catalog;

    public FrameworkVersions(JdbcClient jdbc, Catalog catalog) {
        this.jdbc = jdbc;
        this.catalog = catalog;
    }

    /** A new framework, as its version 1, a draft. */
    @Transactional
    public Framework create(FrameworkDraft draft) {
        List<FieldError> problems = new ArrayList<>(FrameworkRules.frameworkCode(draft.code()));
        FrameworkRules.names(draft.nameEn(), draft.nameZh(), draft.description(), problems);
        List<Indicator> indicators = FrameworkRules.indicators(draft.code(), 1, draft.indicators(), problems);
        if (!problems.isEmpty()) {
            throw CatalogProblem.invalid(problems);
        }
        lock(draft.code());
        if (latestVersion(draft.code()) != null) {
            throw exists(draft.code());
        }
        try {
            insert(draft.code(), 1, draft.nameEn(), draft.nameZh(), draft.description(), indicators);
        }
        catch (DuplicateKeyException e) {
            throw exists(draft.code());
        }
        return catalog.framework(draft.code(), 1).orElseThrow();
    }

    /** The next version of {@code code}: a copy of version {@code from} (the latest by default) with the changes given. */
    @Transactional
    public Framework newVersion(String code, NewVersion request) {
        lock(code);
        Integer latest = latestVersion(code);
        if (latest == null) {
            throw new NotFoundException("no framework " + code);
        }
        int from = request.from() == null ? latest : request.from();
        Framework source = catalog.framework(code, from).orElseThrow(() -> CatalogProblem.invalid("from",
                "framework " + code + " has no version " + from + " (its versions are 1 to " + latest + ")"));
        int next = latest + 1;
        List<IndicatorDraft> drafts = request.indicators() != null ? request.indicators()
                : source.indicators().stream().map(FrameworkRules::draftOf).toList();
        String nameEn = request.nameEn() != null ? request.nameEn() : source.nameEn();
        String nameZh = request.nameZh() != null ? request.nameZh() : source.nameZh();
        String description = request.description() != null ? request.description() : source.description();
        List<FieldError> problems = new ArrayList<>();
        FrameworkRules.names(nameEn, nameZh, description, problems);
        List<Indicator> indicators = FrameworkRules.indicators(code, next, drafts, problems);
        if (!problems.isEmpty()) {
            throw CatalogProblem.invalid(problems);
        }
        insert(code, next, nameEn, nameZh, description, indicators);
        return catalog.framework(code, next).orElseThrow();
    }

    /** Replaces the content of a draft version; a published one answers 409. */
    @Transactional
    public Framework edit(String code, int version, FrameworkDraft draft) {
        lock(code);
        Framework current = existing(code, version);
        if (current.immutable()) {
            throw CatalogProblem.immutable(code, version, latestVersion(code) + 1);
        }
        List<FieldError> problems = new ArrayList<>();
        if (draft.code() != null && !draft.code().equals(code)) {
            problems.add(new FieldError("code", "'" + draft.code() + "' is not " + code
                    + ", the framework in the path; a version cannot move to another framework"));
        }
        FrameworkRules.names(draft.nameEn(), draft.nameZh(), draft.description(), problems);
        List<Indicator> indicators = FrameworkRules.indicators(code, version, draft.indicators(), problems);
        if (!problems.isEmpty()) {
            throw CatalogProblem.invalid(problems);
        }
        jdbc.sql("UPDATE framework SET name_en = ?, name_zh = ?, description = ?, updated_at = now() WHERE code = ? AND version = ?")
                .params(draft.nameEn().trim(), trimmed(draft.nameZh()), trimmed(draft.description()), code, version)
                .update();
        jdbc.sql("DELETE FROM indicator WHERE framework_code = ? AND framework_version = ?").params(code, version)
                .update();
        insertIndicators(indicators);
        return catalog.framework(code, version).orElseThrow();
    }

    /** Makes a draft immutable. Publishing a published version changes nothing. */
    @Transactional
    public Framework publish(String code, int version) {
        lock(code);
        Framework current = existing(code, version);
        if (current.status() == Framework.Status.DRAFT) {
            jdbc.sql("UPDATE framework SET status = 'PUBLISHED', published_at = now(), updated_at = now() WHERE code = ? AND version = ?")
                    .params(code, version).update();
        }
        return catalog.framework(code, version).orElseThrow();
    }

    /** Makes a published version the one ingestion validates against, in place of the current default. */
    @Transactional
    public Framework makeDefault(String code, int version) {
        lock(code);
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('nqpf.framework.default'))").query().listOfRows();
        Framework candidate = existing(code, version);
        if (candidate.status() != Framework.Status.PUBLISHED) {
            throw CatalogProblem.conflict("framework-not-published", "Framework version is a draft",
                    "framework " + code + " v" + version + " is a draft; publish it (POST /api/v1/frameworks/" + code
                            + "/versions/" + version + "/publish) before making it the default");
        }
        List<String> uncovered = FrameworkRules.uncoveredForAssessment(candidate.indicators());
        if (!uncovered.isEmpty()) {
            throw CatalogProblem.invalid("indicators", "framework " + code + " v" + version
                    + " cannot be the default: it has no indicator for " + String.join(", ", uncovered)
                    + "; assessments need every dimension on both the AI and the NQPF side");
        }
        if (!candidate.isDefault()) {
            // two statements: the one-default unique index is checked row by row
            jdbc.sql("UPDATE framework SET is_default = false, updated_at = now() WHERE is_default").update();
            jdbc.sql("UPDATE framework SET is_default = true, updated_at = now() WHERE code = ? AND version = ?")
                    .params(code, version).update();
        }
        return catalog.framework(code, version).orElseThrow();
    }

    private Framework existing(String code, int version) {
        return catalog.framework(code, version)
                .orElseThrow(() -> new NotFoundException("no framework " + code + " version " + version));
    }

    /** Serialises writers of one framework, so version numbers are assigned without gaps or collisions. */
    private void lock(String code) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('nqpf.framework:' || ?))").param(code).query().listOfRows();
    }

    private Integer latestVersion(String code) {
        return jdbc.sql("SELECT max(version) FROM framework WHERE code = ?").param(code).query(Integer.class)
                .optional().orElse(null);
    }

    private void insert(String code, int version, String nameEn, String nameZh, String description,
            List<Indicator> indicators) {
        jdbc.sql("INSERT INTO framework (code, version, name_en, name_zh, description, status) VALUES (?, ?, ?, ?, ?, 'DRAFT')")
                .params(code, version, nameEn.trim(), trimmed(nameZh), trimmed(description)).update();
        insertIndicators(indicators);
    }

    private void insertIndicators(List<Indicator> indicators) {
        for (Indicator i : indicators) {
            jdbc.sql("""
                    INSERT INTO indicator (framework_code, framework_version, code, name_en, name_zh, dimension, subsystem,
                        mechanism, unit, direction, min_value, max_value, target, origin, rationale, sub_dimensions)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS TEXT[]))""")
                    .params(i.frameworkCode(), i.frameworkVersion(), i.code(), i.nameEn(), i.nameZh(),
                            i.dimension().name(), i.subsystem().name(), i.mechanism().name(), i.unit(),
                            i.direction(), i.minValue(), i.maxValue(), i.target(), i.origin(), i.rationale(),
                            i.subDimensions().isEmpty() ? null : i.subDimensions().toArray(String[]::new))
                    .update();
        }
    }

    private static ConflictException exists(String code) {
        return CatalogProblem.conflict("framework-exists", "Framework exists", "framework " + code
                + " exists; create its next version with POST /api/v1/frameworks/" + code + "/versions");
    }

    private static String trimmed(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
