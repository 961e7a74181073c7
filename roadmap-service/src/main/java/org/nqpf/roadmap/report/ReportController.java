package org.nqpf.roadmap.report;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.nqpf.roadmap.access.TenantAccess;
import org.nqpf.roadmap.planning.Plan;
import org.nqpf.web.FieldError;
import org.nqpf.web.InvalidInputException;
import org.nqpf.web.NotFoundException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The report of an entity's roadmap as JSON, Markdown or a printable HTML page, in Chinese or English. */
@RestController
public class ReportController {

    static final MediaType MARKDOWN = new MediaType("text", "markdown", java.nio.charset.StandardCharsets.UTF_8);

    enum Format {
        json, md, html
    }

    private final ReportPlans plans;
    private final TenantAccess access;

    public ReportController(ReportPlans plans, TenantAccess access) {
        this.plans = plans;
        this.access = access;
    }

    @GetMapping(path = "/api/v1/roadmaps/{entityId}/report", produces = MediaType.ALL_VALUE)
    public ResponseEntity<?> report(@PathVariable String entityId, @RequestParam(required = false) String lang,
            @RequestParam(required = false) String format, @RequestParam(required = false) String cohort,
            @RequestParam(required = false) String framework, @RequestParam(required = false) Integer version,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
            @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage) {
        Lang language = language(lang, acceptLanguage);
        Format chosen = format(format, accept);
        // an entity the caller may not see is missing for it
        ReportPlans.Stored stored = (access.sees(entityId) ? plans.find(entityId, blank(cohort), blank(framework),
                version) : Optional.<ReportPlans.Stored>empty())
                .orElseThrow(() -> new NotFoundException("no roadmap for entity '" + entityId + "'"
                        + (cohort != null ? " in cohort '" + cohort + "'" : "")
                        + (framework != null ? " under framework '" + framework + "'" : "")
                        + (version != null ? " at version " + version : "")
                        + ": none has been generated yet (roadmaps follow the entity's assessments)"));
        // Rendered from the plan as the caller may read it: the other entities it names (peers, the best peer, the
        // frontier's references, in sentences, tables and charts) are anonymous peers.
        Plan plan = access.redactInPlace(stored.plan(), Plan.class);
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.CONTENT_LANGUAGE, language == Lang.zh ? "zh-CN" : "en");
        headers.set(HttpHeaders.VARY, "Accept, Accept-Language");
        return switch (chosen) {
            case json -> ResponseEntity.ok().headers(headers).contentType(MediaType.APPLICATION_JSON)
                    .body(RoadmapReport.view(plan, stored.meta(), language));
            case md -> ResponseEntity.ok().headers(headers).contentType(MARKDOWN)
                    .body(RoadmapReport.markdown(plan, stored.meta(), language));
            case html -> ResponseEntity.ok().headers(headers).contentType(new MediaType(MediaType.TEXT_HTML,
                    java.nio.charset.StandardCharsets.UTF_8))
                    .body(RoadmapReport.html(plan, stored.meta(), language));
        };
    }

    /** ?lang= when given (and then it must be ours), else the first of Accept-Language we write, else Chinese. */
    static Lang language(String lang, String acceptLanguage) {
        if (lang != null) {
            return Lang.of(lang).orElseThrow(() -> new InvalidInputException(
                    org.springframework.http.HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                    List.of(FieldError.rejected("lang", "unknown language '" + lang + "': use zh or en", lang))));
        }
        if (acceptLanguage != null) {
            try {
                for (Locale.LanguageRange range : Locale.LanguageRange.parse(acceptLanguage)) {
                    Optional<Lang> l = Lang.of(range.getRange());
                    if (l.isPresent() && range.getWeight() > 0) {
                        return l.get();
                    }
                }
            }
            catch (IllegalArgumentException malformed) {
                // A malformed header is no reason to refuse a report: fall back to the default.
            }
        }
        return Lang.zh;
    }

    /** ?format= when given, else the most preferred of the Accept header's types we write; JSON for anything. */
    static Format format(String format, String accept) {
        if (format != null) {
            String f = format.trim().toLowerCase(Locale.ROOT);
            if ("markdown".equals(f)) {
                return Format.md;
            }
            for (Format x : Format.values()) {
                if (x.name().equals(f)) {
                    return x;
                }
            }
            throw new InvalidInputException(org.springframework.http.HttpStatus.BAD_REQUEST, "invalid-request",
                    "Invalid request", List.of(FieldError.rejected("format",
                            "unknown format '" + format + "': use json, md or html", format)));
        }
        if (accept == null || accept.isBlank()) {
            return Format.json;
        }
        List<MediaType> types;
        try {
            types = MediaType.parseMediaTypes(accept);
        }
        catch (InvalidMediaTypeException e) {
            throw InvalidInputException.badRequest("Accept", "malformed Accept header: " + e.getMessage());
        }
        // Stable: equal qualities keep the client's order.
        types = new java.util.ArrayList<>(types);
        types.sort(java.util.Comparator.comparingDouble(MediaType::getQualityValue).reversed());
        for (MediaType t : types) {
            if (t.getQualityValue() == 0) {
                continue;
            }
            if (t.isWildcardType() || MediaType.APPLICATION_JSON.isCompatibleWith(t)
                    || MediaType.APPLICATION_PROBLEM_JSON.equalsTypeAndSubtype(t)) {
                return Format.json;
            }
            if (MARKDOWN.equalsTypeAndSubtype(t) || "x-markdown".equals(t.getSubtype())) {
                return Format.md;
            }
            if (MediaType.TEXT_HTML.equalsTypeAndSubtype(t) || "xhtml+xml".equals(t.getSubtype())) {
                return Format.html;
            }
            if ("text".equals(t.getType()) && t.isWildcardSubtype()) {
                return Format.html;
            }
        }
        throw InvalidInputException.badRequest(List.of(FieldError.rejected("format",
                "none of the Accept header's types is one a report is written in: ask for application/json, "
                        + "text/markdown or text/html, or pass ?format=json|md|html", accept)));
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
