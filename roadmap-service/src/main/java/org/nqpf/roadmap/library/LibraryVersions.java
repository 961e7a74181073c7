package org.nqpf.roadmap.library;

import java.util.ArrayList;
import java.util.List;
import org.nqpf.roadmap.library.FrameworkIndicators.Known;
import org.nqpf.web.FieldError;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates, edits and publishes library versions, as the catalog does its framework versions: a version is a draft
 * until published; a published version never changes (roadmaps name the version they were built from), so a change
 * makes a new version, which starts as a copy of another. Every write is checked by {@link LibraryRules} first.
 */
@Service
public class LibraryVersions {

    /** A new version: a copy of {@code from} (the newest published by default), with what else is given. */
    public record NewVersion(Integer from, String frameworkCode, List<ActionDraft> actions) {
    }

    /** A draft's whole content, replaced at once. */
    public record Content(String frameworkCode, List<ActionDraft> actions) {
    }

    /** An action written into a draft, and whether it was new there. */
    public record Written(LibraryAction action, boolean created) {
    }

    private final ActionLibrary library;
    private final FrameworkIndicators frameworks;

    public LibraryVersions(ActionLibrary library, FrameworkIndicators frameworks) {
        this.library = library;
        this.frameworks = frameworks;
    }

    @Transactional
    public LibraryVersion create(NewVersion request) {
        library.lock();
        Integer latest = library.latestVersion().orElse(null);
        LibraryVersion source = null;
        if (request.from() != null) {
            source = library.version(request.from()).orElseThrow(() -> LibraryProblem.invalid("from",
                    "no library version " + request.from() + " to copy"));
        }
        else if (latest != null) {
            source = library.newestPublished().orElseGet(() -> library.version(latest).orElseThrow());
        }
        String framework = request.frameworkCode() != null ? request.frameworkCode()
                : source == null ? null : source.frameworkCode();
        List<ActionDraft> drafts = request.actions() != null ? request.actions()
                : source == null ? null : source.actions().stream().map(ActionDraft::of).toList();
        List<LibraryAction> actions = checked(framework, drafts);
        int next = latest == null ? 1 : latest + 1;
        library.insertVersion(next, framework, source == null ? null : source.version());
        actions.forEach(a -> library.put(next, a));
        return library.version(next).orElseThrow();
    }

    /** Version 1 from the shipped data, published, unless it exists: safe on every start of every instance. */
    @Transactional
    public boolean seed(String frameworkCode, List<ActionDraft> drafts) {
        library.lock();
        if (library.version(1).isPresent()) {
            return false;
        }
        List<FieldError> errors = new ArrayList<>();
        List<LibraryAction> actions = LibraryRules.actions(drafts, frameworks.of(frameworkCode), errors);
        if (actions == null) {
            throw new IllegalStateException("the shipped action library is invalid: " + errors);
        }
        library.insertVersion(1, frameworkCode, null);
        actions.forEach(a -> library.put(1, a));
        library.publish(1);
        return true;
    }

    @Transactional
    public LibraryVersion replace(int version, Content content) {
        library.lock();
        LibraryVersion draft = draft(version);
        String framework = content.frameworkCode() != null ? content.frameworkCode() : draft.frameworkCode();
        List<LibraryAction> actions = checked(framework, content.actions());
        library.setFramework(version, framework);
        library.deleteAll(version);
        actions.forEach(a -> library.put(version, a));
        return library.version(version).orElseThrow();
    }

    @Transactional
    public Written put(int version, String code, ActionDraft draft) {
        library.lock();
        LibraryVersion current = draft(version);
        List<FieldError> errors = new ArrayList<>();
        if (draft.code() != null && !draft.code().equals(code)) {
            throw LibraryProblem.invalid(List.of(FieldError.rejected("code", "'" + draft.code() + "' is not " + code
                    + ", the action in the path; an action cannot change its code (delete it and add another)",
                    draft.code())));
        }
        ActionDraft named = draft.code() != null ? draft : withCode(draft, code);
        LibraryAction action = LibraryRules.action(named, "", frameworks.of(current.frameworkCode()), errors);
        if (action == null) {
            throw LibraryProblem.invalid(errors);
        }
        // The edited action first: a cycle it closes is reported on it, under its own fields.
        List<LibraryAction> after = new ArrayList<>(List.of(action));
        current.actions().stream().filter(a -> !a.code().equals(code)).forEach(after::add);
        LibraryRules.prerequisites(after, i -> i == 0 ? "" : "actions[" + i + "].", errors);
        if (!errors.isEmpty()) {
            throw LibraryProblem.invalid(errors);
        }
        boolean created = current.actions().stream().noneMatch(a -> a.code().equals(code));
        library.put(version, action);
        return new Written(action, created);
    }

    @Transactional
    public void delete(int version, String code) {
        library.lock();
        LibraryVersion current = draft(version);
        if (current.actions().stream().noneMatch(a -> a.code().equals(code))) {
            throw LibraryProblem.noAction(code, version);
        }
        List<String> dependants = current.actions().stream().filter(a -> a.prerequisites().contains(code))
                .map(LibraryAction::code).toList();
        if (!dependants.isEmpty()) {
            throw LibraryProblem.required(code, dependants);
        }
        library.delete(version, code);
    }

    /** Makes a draft immutable; publishing a published version changes nothing. */
    @Transactional
    public LibraryVersion publish(int version) {
        library.lock();
        LibraryVersion current = library.version(version).orElseThrow(() -> LibraryProblem.noVersion(version));
        if (current.status() == LibraryVersion.Status.DRAFT) {
            if (current.actions().isEmpty()) {
                throw LibraryProblem.invalid("actions", "library version " + version + " has no action; a "
                        + "published version must give the planner something to choose from");
            }
            library.publish(version);
        }
        return library.version(version).orElseThrow();
    }

    private LibraryVersion draft(int version) {
        LibraryVersion v = library.version(version).orElseThrow(() -> LibraryProblem.noVersion(version));
        if (v.status() != LibraryVersion.Status.DRAFT) {
            throw LibraryProblem.immutable(version);
        }
        return v;
    }

    private List<LibraryAction> checked(String framework, List<ActionDraft> drafts) {
        if (framework == null || framework.isBlank()) {
            throw LibraryProblem.invalid("frameworkCode", "required: the framework whose indicators the actions "
                    + "name, e.g. NQPF-AI");
        }
        if (framework.length() > LibraryRules.MAX_FRAMEWORK_CODE) {
            // checked before any message names it: a megabyte of code quoted in each action's error ran out of heap
            throw LibraryProblem.invalid("frameworkCode", framework.length() + " characters; a framework code has at"
                    + " most " + LibraryRules.MAX_FRAMEWORK_CODE);
        }
        Known known = frameworks.of(framework);
        List<FieldError> errors = new ArrayList<>();
        if (known.indicators().isEmpty()) {
            errors.add(FieldError.rejected("frameworkCode", "no indicators of framework " + framework + " are known "
                    + "here (the service learns them from its assessments)", framework));
        }
        List<LibraryAction> actions = LibraryRules.actions(drafts, known, errors);
        if (!errors.isEmpty()) {
            throw LibraryProblem.invalid(errors);
        }
        return actions;
    }

    private static ActionDraft withCode(ActionDraft d, String code) {
        return new ActionDraft(code, d.titleEn(), d.titleZh(), d.system(), d.indicators(), d.mechanism(),
                d.leadActor(), d.supportingActors(), d.instrument(), d.horizonYears(), d.prerequisites(), d.effort(),
                d.entityKinds(), d.sources());
    }
}
