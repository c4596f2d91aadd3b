package dev.stratus.deploy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Builds the initial JSON configuration handed to Qpid Broker-J: one Plain authentication
 * provider, one AMQP 0-8/0-9/0-9-1 port and one virtual host node called {@code default}.
 *
 * <p>The broker runs with an in-memory system configuration store, so this configuration is applied
 * afresh at every start (a changed port or password takes effect) while the virtual host node's own
 * store keeps exchanges, queues and persistent messages.
 */
final class BrokerConfiguration {

    static final String VIRTUAL_HOST_NODE = "default";
    static final String AUTHENTICATION_PROVIDER = "plain";
    static final String AMQP_PORT = "AMQP";
    static final String STORE_DIRECTORY = "default-store";
    /** Qpid's model version for Broker-J 10.x. */
    private static final String MODEL_VERSION = "9.1";

    private BrokerConfiguration() {
    }

    static String json(BrokerSettings settings) {
        Map<String, Object> broker = new LinkedHashMap<>();
        broker.put("name", "stratus");
        broker.put("modelVersion", MODEL_VERSION);
        broker.put("authenticationproviders", List.of(authenticationProvider(settings)));
        broker.put("ports", List.of(amqpPort(settings)));
        broker.put("virtualhostnodes", List.of(virtualHostNode(settings)));
        return Json.write(broker);
    }

    private static Map<String, Object> authenticationProvider(BrokerSettings settings) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("name", settings.user());
        user.put("type", "managed");
        user.put("password", settings.password());

        Map<String, Object> provider = new LinkedHashMap<>();
        provider.put("id", stableId("authenticationprovider/" + AUTHENTICATION_PROVIDER));
        provider.put("name", AUTHENTICATION_PROVIDER);
        provider.put("type", "Plain");
        // Qpid offers PLAIN only over TLS by default; AMQP 0-9-1 clients (RabbitMQ's) use PLAIN.
        provider.put("secureOnlyMechanisms", List.of());
        provider.put("users", List.of(user));
        return provider;
    }

    private static Map<String, Object> amqpPort(BrokerSettings settings) {
        Map<String, Object> port = new LinkedHashMap<>();
        port.put("id", stableId("port/" + AMQP_PORT));
        port.put("name", AMQP_PORT);
        port.put("type", "AMQP");
        port.put("port", settings.port());
        port.put("bindingAddress", settings.bindAddress());
        port.put("authenticationProvider", AUTHENTICATION_PROVIDER);
        port.put("protocols", List.of("AMQP_0_8", "AMQP_0_9", "AMQP_0_9_1"));
        port.put("virtualhostaliases", List.of(
                alias("nameAlias"), alias("defaultAlias"), alias("hostnameAlias")));
        return port;
    }

    private static Map<String, Object> alias(String type) {
        Map<String, Object> alias = new LinkedHashMap<>();
        alias.put("name", type);
        alias.put("type", type);
        return alias;
    }

    private static Map<String, Object> virtualHostNode(BrokerSettings settings) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("id", stableId("virtualhostnode/" + VIRTUAL_HOST_NODE));
        node.put("name", VIRTUAL_HOST_NODE);
        node.put("defaultVirtualHostNode", true);
        switch (settings.store()) {
            case DERBY -> {
                node.put("type", "DERBY");
                node.put("storePath", settings.workDirectory().resolve(STORE_DIRECTORY).toString());
                // the virtual host keeps its messages in the node's Derby database
                node.put("virtualHostInitialConfiguration", "{\"type\":\"ProvidedStore\"}");
            }
            case MEMORY -> {
                node.put("type", "Memory");
                node.put("virtualHostInitialConfiguration", "{\"type\":\"Memory\"}");
            }
        }
        return node;
    }

    // The same ids at every start, so that objects recreated from this file match what stores recorded.
    private static String stableId(String name) {
        return UUID.nameUUIDFromBytes(("stratus-broker/" + name).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
