package dev.stratus.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class BrokerConfigurationTest {

    @Test
    void jsonEscapesStrings() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("s", "quote \" backslash \\ newline \n tab \t bell \u0007");
        value.put("n", 5672);
        value.put("b", true);
        value.put("l", List.of());
        assertEquals("""
                {
                  "s": "quote \\" backslash \\\\ newline \\n tab \\t bell \\u0007",
                  "n": 5672,
                  "b": true,
                  "l": []
                }
                """, Json.write(value));
    }

    @Test
    void derbyConfigurationHasThePortUserAndStore() {
        BrokerSettings settings = BrokerSettings.of(15999, Path.of("/var/lib/stratus/amqp"))
                .withCredentials("stratus", "pa\"ss");
        String json = BrokerConfiguration.json(settings);

        assertTrue(json.contains("\"port\": 15999"), json);
        assertTrue(json.contains("\"bindingAddress\": \"127.0.0.1\""), json);
        assertTrue(json.contains("\"name\": \"stratus\""), json);
        assertTrue(json.contains("\"password\": \"pa\\\"ss\""), json);
        assertTrue(json.contains("\"secureOnlyMechanisms\": []"), json);
        assertTrue(json.contains("\"AMQP_0_9_1\""), json);
        assertTrue(json.contains("\"type\": \"DERBY\""), json);
        assertTrue(json.contains("\"storePath\": \"/var/lib/stratus/amqp/default-store\""), json);
    }

    @Test
    void idsAreStableAcrossStarts() {
        BrokerSettings settings = BrokerSettings.of(15999, Path.of("/tmp/a"));
        assertEquals(BrokerConfiguration.json(settings), BrokerConfiguration.json(settings));
    }

    @Test
    void memoryStoreHasNoStorePath() {
        String json = BrokerConfiguration.json(
                BrokerSettings.of(15999, Path.of("/tmp/a")).withStore(BrokerSettings.Store.MEMORY));
        assertTrue(json.contains("\"type\": \"Memory\""), json);
        assertTrue(!json.contains("storePath"), json);
    }

    @Test
    void settingsRefuseValuesQpidWouldExpand() {
        BrokerSettings settings = BrokerSettings.of(15999, Path.of("/tmp/a"));
        assertThrows(IllegalArgumentException.class, () -> settings.withCredentials("guest", "${qpid.work_dir}"));
        assertThrows(IllegalArgumentException.class, () -> settings.withCredentials("", "x"));
        assertThrows(IllegalArgumentException.class, () -> settings.withPort(0));
    }
}
