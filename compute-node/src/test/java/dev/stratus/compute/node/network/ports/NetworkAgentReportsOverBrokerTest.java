package dev.stratus.compute.node.network.ports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stratus.common.auth.ServiceToken;
import dev.stratus.common.messaging.MessageHandler;
import dev.stratus.common.messaging.Messaging;
import dev.stratus.common.network.NetworkAgentReport;
import dev.stratus.common.network.NetworkTopics;
import dev.stratus.compute.node.ComputeNodeTestResource;
import dev.stratus.compute.node.config.ComputeNodeConfig;
import dev.stratus.compute.node.instance.InstanceRecords;
import dev.stratus.compute.node.instance.InstanceRegistry;
import dev.stratus.compute.node.network.FakeHostNetworking;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The network agents' reports of every host of a process, through a real broker as network-service receives
 * them on topic {@code network} (the fake nodes of the test run without network-service, so this test makes
 * a networking of its own, pointed at a network-service it never calls).
 */
@QuarkusTest
@QuarkusTestResource(value = ComputeNodeTestResource.class, restrictToAnnotatedClass = true)
class NetworkAgentReportsOverBrokerTest {

    @Inject
    Messaging messaging;

    @Inject
    ComputeNodeConfig config;

    @Inject
    ServiceToken serviceToken;

    @Test
    void everyHostReportsItsAgentsOnTheNetworkTopic() throws Exception {
        List<NetworkAgentReport> received = new CopyOnWriteArrayList<>();
        messaging.subscribe(NetworkTopics.NETWORK, NetworkAgentReport.TYPE,
                MessageHandler.blocking((report, ctx) -> received.add(report)));
        messaging.ready().get(30, TimeUnit.SECONDS);
        ComputeNodeConfig withNetwork = (ComputeNodeConfig) Proxy.newProxyInstance(
                ComputeNodeConfig.class.getClassLoader(), new Class<?>[] {ComputeNodeConfig.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("networkUrl")) {
                        return Optional.of("http://127.0.0.1:9");
                    }
                    try {
                        return method.invoke(config, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        NodeNetworking networking = new NodeNetworking(withNetwork, serviceToken, messaging,
                Executors.newVirtualThreadPerTaskExecutor());
        for (String host : List.of("agents-001", "agents-002")) {
            networking.forHost(host, new FakeHostNetworking(), new InstanceRegistry(InstanceRecords.NONE));
        }
        networking.reportAgents();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (received.size() < 2 && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        Set<String> hosts = new TreeSet<>();
        received.forEach(r -> hosts.add(r.host()));
        assertEquals(Set.of("agents-001", "agents-002"), hosts);
        NetworkAgentReport report = received.get(0);
        assertEquals(List.of("Linux bridge agent", "DHCP agent", "L3 agent", "Metering agent"),
                report.agents().stream().map(NetworkAgentReport.Agent::agentType).toList());
        assertEquals(0, ((Number) report.agents().get(1).configurations().get("networks")).intValue());
    }
}
