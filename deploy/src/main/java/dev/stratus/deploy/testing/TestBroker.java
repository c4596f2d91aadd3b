package dev.stratus.deploy.testing;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the test AMQP 0-9-1 broker listens.
 *
 * @param embedded true for the embedded Qpid broker this JVM started (no {@code amq.rabbitmq.reply-to})
 */
public record TestBroker(String host, int port, String user, String password, boolean embedded) {

    /** {@code amqp://user:password@host:port} for {@code ConnectionFactory.setUri}. */
    public String amqpUri() {
        return "amqp://" + encode(user) + ":" + encode(password) + "@" + host + ":" + port;
    }

    /** The Stratus services' {@code stratus.amqp.*} connection properties pointing here. */
    public Map<String, String> quarkusConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("stratus.amqp.host", host);
        config.put("stratus.amqp.port", Integer.toString(port));
        config.put("stratus.amqp.username", user);
        config.put("stratus.amqp.password", password);
        return config;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
        return "TestBroker[" + host + ":" + port + " user=" + user + (embedded ? " embedded" : "") + "]";
    }
}
