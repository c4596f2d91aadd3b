package dev.stratus.common.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RevocationListTest {

    private static AuthContext token(String audit, String user, String project, Instant issued) {
        return new AuthContext("t", user, "n", "default", project, "default", null, Set.of("member"),
                List.of("password"), List.of(audit), issued, issued.plusSeconds(3600));
    }

    @Test
    void revokesByAuditIdOnly() {
        RevocationList list = new RevocationList();
        Instant now = Instant.now();
        list.add(RevocationEvent.ofToken("audit-1", now));
        assertTrue(list.isRevoked(token("audit-1", "u", "p", now)));
        assertFalse(list.isRevoked(token("audit-2", "u", "p", now)));
    }

    @Test
    void userRevocationSparesTokensIssuedAfterwards() {
        RevocationList list = new RevocationList();
        RevocationEvent event = RevocationEvent.ofUser("u");
        list.add(event);
        assertTrue(list.isRevoked(token("a", "u", "p", event.issuedBefore().minusSeconds(5))));
        assertFalse(list.isRevoked(token("b", "u", "p", event.issuedBefore().plusSeconds(5))));
        assertFalse(list.isRevoked(token("c", "other", "p", event.issuedBefore().minusSeconds(5))));
    }

    @Test
    void userAndProjectEventNeedsBothToMatch() {
        RevocationList list = new RevocationList();
        Instant now = Instant.now();
        list.add(new RevocationEvent(null, null, "u", "p", null, now, now));
        assertTrue(list.isRevoked(token("a", "u", "p", now.minusSeconds(1))));
        assertFalse(list.isRevoked(token("a", "u", "q", now.minusSeconds(1))));
    }

    @Test
    void aDomainEventRevokesItsUsersItsProjectsAndTokensScopedToIt() {
        RevocationList list = new RevocationList();
        RevocationEvent event = RevocationEvent.ofDomain("d");
        list.add(event);
        Instant before = event.issuedBefore().minusSeconds(1);
        List<String> audit = List.of("a");
        Set<String> roles = Set.of("member");
        List<String> password = List.of("password");
        assertTrue(list.isRevoked(new AuthContext("t", "u", "n", "d", "p", "default", null, roles, password, audit,
                before, before.plusSeconds(60))), "a user of the domain");
        assertTrue(list.isRevoked(new AuthContext("t", "u", "n", "default", "p", "d", null, roles, password, audit,
                before, before.plusSeconds(60))), "a project of the domain");
        assertTrue(list.isRevoked(new AuthContext("t", "u", "n", "default", null, null, "d", roles, password, audit,
                before, before.plusSeconds(60))), "scoped to the domain");
        assertFalse(list.isRevoked(token("a", "u", "p", before)), "elsewhere");
        Instant after = event.issuedBefore().plusSeconds(1);
        assertFalse(list.isRevoked(new AuthContext("t", "u", "n", "d", "p", "d", null, roles, password, audit,
                after, after.plusSeconds(60))), "issued after the domain came back");
    }

    @Test
    void rolesImplyWeakerOnes() {
        assertTrue(DefaultRoles.grants(Set.of("admin"), "reader"));
        assertTrue(DefaultRoles.grants(Set.of("member"), "reader"));
        assertFalse(DefaultRoles.grants(Set.of("reader"), "member"));
        assertTrue(DefaultRoles.grants(Set.of("service"), "service"));
        assertFalse(DefaultRoles.grants(Set.of("member"), "service"));
    }
}
