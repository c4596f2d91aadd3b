package dev.stratus.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The compute hosts of the shared cloud as an operator sees them with the CLI: waiting until every node has
 * registered, the simulated hosts, a server's status. Taking hosts out of scheduling is
 * {@link RunningCloud#setService} and its neighbours.
 */
final class ComputeHosts {

    private final RunningCloud cloud;

    ComputeHosts(RunningCloud cloud) {
        this.cloud = cloud;
    }

    /** Waits until this host's node and every simulated node report up and enabled; returns their hosts. */
    List<String> awaitAllUp() throws Exception {
        int nodes = 1 + RunningCloud.FAKE_NODES;
        return CloudWaits.waitFor(Duration.ofSeconds(90), nodes + " compute services up and enabled", () -> {
            List<String> up = new ArrayList<>();
            for (JsonNode s : computeServices()) {
                if ("up".equals(s.path("State").asText()) && "enabled".equals(s.path("Status").asText())) {
                    up.add(s.path("Host").asText());
                }
            }
            return up.size() >= nodes ? up : null;
        });
    }

    JsonNode computeServices() throws Exception {
        return cloud.openstackJson("admin", "compute", "service", "list", "--long", "--service", "nova-compute");
    }

    /** The simulated hosts (every compute host but this one's node). */
    List<String> fakeHosts() throws Exception {
        List<String> hosts = new ArrayList<>();
        for (JsonNode s : computeServices()) {
            if (!s.path("Host").asText().equals(cloud.computeHost)) {
                hosts.add(s.path("Host").asText());
            }
        }
        assertEquals(RunningCloud.FAKE_NODES, hosts.size(), hosts.toString());
        return hosts;
    }

    /** Polls a server as this user until it has the status; an ERROR on the way fails. */
    static JsonNode waitForStatus(Cli user, String id, String status) throws Exception {
        return CloudWaits.waitFor(Duration.ofSeconds(120), "server " + id + " " + status, () -> {
            JsonNode s = user.json("server", "show", id);
            assertNotEquals("ERROR", s.path("status").asText(), s.toString());
            return status.equals(s.path("status").asText()) ? s : null;
        });
    }
}
