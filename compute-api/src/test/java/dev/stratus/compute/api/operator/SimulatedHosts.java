package dev.stratus.compute.api.operator;

import dev.stratus.common.compute.ComputeTopics;
import dev.stratus.common.compute.HostResources;
import dev.stratus.common.compute.ServiceHeartbeat;
import dev.stratus.common.messaging.Messaging;
import dev.stratus.common.persistence.Db;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compute hosts that exist only as the heartbeats their nodes would broadcast on
 * {@link ComputeTopics#SERVICES_FANOUT}: the operator APIs learn of them exactly as they do in production.
 * Host names are unique per run, since the test database and the other test classes' services stay.
 */
final class SimulatedHosts {

    /** What a node reports about its hypervisor, with the figures the tests check. */
    record Capacity(int vcpus, long memoryMb, long localGb, int vcpusUsed, long memoryMbUsed, long localGbUsed,
            int runningVms) {
    }

    static final Capacity SMALL = new Capacity(4, 8192, 100, 1, 1024, 10, 1);
    static final String CPU_INFO = "{\"arch\": \"x86_64\", \"model\": \"Haswell\", \"vendor\": \"Intel\","
            + " \"topology\": {\"cells\": 1, \"sockets\": 1, \"cores\": 2, \"threads\": 2}, \"features\": [\"vmx\"]}";
    static final String UPTIME = " 08:32:11 up 93 days, 18:25,  1 user,  load average: 0.20, 0.12, 0.14";

    private final Messaging messaging;
    private final Db db;
    private final Map<String, Instant> lastReport = new ConcurrentHashMap<>();

    SimulatedHosts(Messaging messaging, Db db) {
        this.messaging = messaging;
        this.db = db;
    }

    /** A host name no earlier run used: letters, digits and dashes (Nova's fqdn pattern). */
    static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The node name of a host's hypervisor, as libvirt would report it. */
    static String nodeOf(String host) {
        return host + ".example.org";
    }

    /** One compute host that reported once, with {@link #SMALL} capacity and an uptime. */
    String compute(String prefix) {
        String host = uniqueName(prefix);
        heartbeat(host, SMALL, UPTIME);
        return host;
    }

    /** Broadcasts a nova-compute heartbeat and waits until the API has recorded it. */
    void heartbeat(String host, Capacity c, String uptime) {
        HostResources resources = new HostResources(nodeOf(host), "QEMU", 8002000, "192.0.2.10", c.vcpus(),
                c.memoryMb(), c.localGb(), 0, 512, 0, 16.0, 1.5, 1.0, c.vcpusUsed(), c.memoryMbUsed(),
                c.localGbUsed(), c.runningVms(), CPU_INFO, List.of("COMPUTE_NET_ATTACH_INTERFACE"));
        send(new ServiceHeartbeat(host, "nova-compute", "0.1.0", Instant.now().minus(Duration.ofHours(1)),
                nextReport(host), 10, resources, uptime));
    }

    /** A service without a hypervisor (a control-plane process elsewhere). */
    void controlPlane(String host, String binary) {
        send(new ServiceHeartbeat(host, binary, "0.1.0", Instant.now().minus(Duration.ofHours(1)),
                nextReport(host + "/" + binary), 10, null, null));
    }

    /** As if the host had been silent for {@code silence}: its last report is that old. */
    void silence(String host, Duration silence) {
        db.update("update services set last_seen_up = ? where host = ?", Instant.now().minus(silence), host);
    }

    private void send(ServiceHeartbeat heartbeat) {
        messaging.broadcast(ComputeTopics.SERVICES_FANOUT, ServiceHeartbeat.TYPE, heartbeat).join();
        Eventually.until(() -> db.count("select count(*) from services where host = ? and binary_name = ?"
                + " and last_reported_at >= ?", heartbeat.host(), heartbeat.binary(), heartbeat.reportedAt()) > 0
                ? Boolean.TRUE : null, "the heartbeat of " + heartbeat.binary() + " on " + heartbeat.host());
    }

    /** Reports of one service must grow: the API ignores one not newer than the last it recorded. */
    private Instant nextReport(String key) {
        return lastReport.compute(key, (k, last) -> {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            return last != null && !now.isAfter(last) ? last.plus(1, ChronoUnit.MICROS) : now;
        });
    }
}
