package dev.stratus.deploy;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

/** RabbitMQ Java client connections for tests. */
final class AmqpClients {

    private AmqpClients() {
    }

    static Connection connect(String host, int port, String user, String password) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(host);
        factory.setPort(port);
        factory.setUsername(user);
        factory.setPassword(password);
        factory.setAutomaticRecoveryEnabled(false);
        factory.setConnectionTimeout(10_000);
        return factory.newConnection("stratus-deploy-test");
    }

    static Connection connect(EmbeddedBroker broker) throws Exception {
        return connect(broker.host(), broker.port(), broker.user(), broker.password());
    }
}
