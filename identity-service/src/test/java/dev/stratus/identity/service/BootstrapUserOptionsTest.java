package dev.stratus.identity.service;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which options the bootstrap file's users get: the service accounts' exemptions, and each entry's own options. */
class BootstrapUserOptionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final BootstrapPlan PLAN = new BootstrapPlan(null, null, null, List.of(
            new BootstrapPlan.Assignment("admin", "admin", "admin"),
            new BootstrapPlan.Assignment("stratus", "service", "service"),
            new BootstrapPlan.Assignment("stratus", "service", "admin")), null);

    private static BootstrapPlan.User user(String name, String options) throws Exception {
        JsonNode parsed = options == null ? null : JSON.readTree(options);
        return new BootstrapPlan.User(name, null, "secret", null, null, parsed);
    }

    private static Map<String, Object> apply(UserOptions current, BootstrapPlan.User user, String domain) {
        return new BootstrapUserOptions(PLAN).apply(current, user, domain).asMap();
    }

    @Test
    void theServiceAccountsAreExemptFromLockoutAndExpiry() throws Exception {
        assertThat(apply(UserOptions.none(), user("stratus", null), "default"), equalTo(Map.of(
                "ignore_lockout_failure_attempts", true, "ignore_password_expiry", true)));
        // Kept alongside what an administrator set since.
        UserOptions current = UserOptions.none().with(JSON.readTree("{\"lock_password\": true}"), "options");
        assertThat(apply(current, user("stratus", null), "default"), equalTo(Map.of("lock_password", true,
                "ignore_lockout_failure_attempts", true, "ignore_password_expiry", true)));
        // A user of that name in another domain is someone else.
        assertThat(apply(UserOptions.none(), user("stratus", null), "other"), equalTo(Map.of()));
    }

    @Test
    void otherUsersKeepTheNormalRulesUnlessTheirEntrySaysOtherwise() throws Exception {
        assertThat(apply(UserOptions.none(), user("admin", null), "default"), equalTo(Map.of()));
        assertThat(apply(UserOptions.none(), user("admin", "{\"ignore_lockout_failure_attempts\": true}"), "default"),
                equalTo(Map.of("ignore_lockout_failure_attempts", true)));
        // An entry may take an exemption back from a service account.
        assertThat(apply(UserOptions.none(), user("stratus", "{\"ignore_password_expiry\": null}"), "default"),
                equalTo(Map.of("ignore_lockout_failure_attempts", true)));
    }

    @Test
    void invalidOptionsInTheFileStopTheStartNamingTheUser() throws Exception {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> apply(UserOptions.none(), user("admin", "{\"ignore_lockout\": true}"), "default"));
        assertThat(e.getMessage(), containsString("Bootstrap file, user admin: Invalid input for field 'options':"
                + " Additional properties are not allowed ('ignore_lockout' was unexpected)"));
    }
}
