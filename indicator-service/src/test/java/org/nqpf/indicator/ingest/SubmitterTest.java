package org.nqpf.indicator.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nqpf.indicator.entity.TenantScope;
import org.nqpf.security.Caller;
import org.nqpf.security.Role;
import org.nqpf.web.ProblemException;

/** Which rules a caller submits under: its tenant's entities for a PORTAL, its own source for a FEED. */
class SubmitterTest {

    @Test
    void should_BindAFeedToItsSource_ButNotToAnyTenant() {
        // a FEED alone is tenant-bound as a reader (it reads no entities), yet it submits for every entity
        Submitter feed = Submitter.of(new Caller("demo-feed", Set.of(Role.FEED), null, "demo-feed"));

        assertThat(feed.source()).isEqualTo("demo-feed");
        assertThat(feed.entities()).isEqualTo(TenantScope.ALL);
    }

    @Test
    void should_BindAPortalToItsTenant_AndLetItsRowsNameTheirSource() {
        Submitter portal = Submitter.of(new Caller("demo-portal-a", Set.of(Role.PORTAL), "tenant-a", null));

        assertThat(portal.entities()).isEqualTo(TenantScope.only("tenant-a"));
        assertThat(portal.sourceBound()).isFalse();
        // a portal whose identity names no tenant submits for no entity at all
        assertThat(Submitter.of(new Caller("p", Set.of(Role.PORTAL), null, null)).entities().sees(null)).isFalse();
    }

    @Test
    void should_LetAStewardSubmitForAnyEntityUnderAnySource_EvenWhenItIsAFeedToo() {
        Submitter steward = Submitter.of(new Caller("s", Set.of(Role.STEWARD, Role.FEED), null, "demo-feed"));

        assertThat(steward.entities()).isEqualTo(TenantScope.ALL);
        assertThat(steward.sourceBound()).isFalse();
    }

    @Test
    void should_RefuseAFeedWhoseIdentityNamesNoSource() {
        assertThatThrownBy(() -> Submitter.of(new Caller("feed-without-source", Set.of(Role.FEED), null, " ")))
                .isInstanceOf(ProblemException.class)
                .satisfies(e -> assertThat(((ProblemException) e).getStatusCode().value()).isEqualTo(403))
                .hasMessageContaining("feed-without-source");
    }
}
