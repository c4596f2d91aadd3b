package dev.stratus.identity.service;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratus.common.fault.ApiException;
import org.junit.jupiter.api.Test;

/** Keystone's rules for what a domain-specific configuration update may send, and Python's truth of a value. */
class DomainConfigRulesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    private static String refusal(JsonNode body, String group, String option) {
        ApiException e = assertThrows(ApiException.class,
                () -> DomainConfigRules.checkPartialUpdate(body, group, option));
        assertThat(e.status(), equalTo(403));
        return e.getMessage();
    }

    @Test
    void anOptionUpdateWrapsItsValueInItsGroup() throws Exception {
        JsonNode config = DomainConfigRules.checkPartialUpdate(json("{\"driver\": \"ldap\"}"), "identity", "driver");
        assertThat(config, equalTo(json("{\"identity\": {\"driver\": \"ldap\"}}")));
    }

    @Test
    void aGroupOrOptionUpdateNamesThatGroupOrOptionAlone() throws Exception {
        assertThat(refusal(json("{\"identity\": {\"driver\": \"a\"}, \"ldap\": {\"url\": \"b\"}}"), "identity", null),
                equalTo("Invalid domain specific configuration: Trying to update group identity, so that, and only"
                        + " that, group must be specified in the config."));
        assertThat(refusal(json("{\"ldap\": {\"url\": \"b\"}}"), "identity", null),
                equalTo("Invalid domain specific configuration: request to update group identity, but config"
                        + " provided contains group ldap instead."));
        assertThat(refusal(json("{\"list_limit\": 3}"), "identity", "driver"),
                equalTo("Invalid domain specific configuration: Trying to update option driver in group identity,"
                        + " but config provided contains option list_limit instead."));
        assertThat(refusal(json("{\"driver\": \"a\", \"list_limit\": 3}"), "identity", "driver"),
                equalTo("Invalid domain specific configuration: Trying to update option driver in group identity,"
                        + " so that, and only that, option must be specified  in the config."));
        assertThat(refusal(json("{\"identity\": {}}"), null, null),
                equalTo("Invalid domain specific configuration: The value of group identity specified in the config"
                        + " should be a dictionary of options."));
    }

    @Test
    void falseZeroAndEmptyValuesAreNotSet() {
        for (String unset : new String[] {"null", "false", "0", "0.0", "\"\"", "[]", "{}"}) {
            assertThat(unset, DomainConfigRules.truthy(unset), equalTo(false));
        }
        for (String set : new String[] {"true", "1", "\"x\"", "[0]"}) {
            assertThat(set, DomainConfigRules.truthy(set), equalTo(true));
        }
    }
}
