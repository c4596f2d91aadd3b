package dev.stratus.compute.api.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.auth.ServiceToken;
import dev.stratus.common.network.client.NetworkServiceClient;
import dev.stratus.common.network.client.NetworkServiceException;
import dev.stratus.compute.api.persistence.InstanceRepository;
import dev.stratus.compute.api.persistence.NicRow;
import dev.stratus.compute.api.service.ServerPorts;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * Servers' ports in network-service. A port is created with the caller's token (it belongs to the server's
 * project and counts against its port quota), with the server as {@code device_id} and {@code compute:<zone>}
 * as owner; binding it to a host is the compute node's part. When the server is gone its own ports are
 * deleted and the ones the user passed in detached, with this service's token.
 */
public class NeutronServerPorts implements ServerPorts {

    private static final Logger LOG = Logger.getLogger(NeutronServerPorts.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final NetworkServiceClient neutron;
    private final ServiceToken serviceToken;
    private final InstanceRepository instances;
    private final Executor background = Executors.newVirtualThreadPerTaskExecutor();

    public NeutronServerPorts(NetworkServiceClient neutron, ServiceToken serviceToken, InstanceRepository instances) {
        this.neutron = neutron;
        this.serviceToken = serviceToken;
        this.instances = instances;
    }

    @Override
    public List<NicRow> allocate(AuthContext caller, String instanceUuid, String zone, List<NicRow> nics,
            List<String> securityGroupIds) {
        List<NicRow> done = new ArrayList<>();
        try {
            for (NicRow nic : nics) {
                done.add(nic.portId() != null ? attach(caller, instanceUuid, zone, nic)
                        : create(caller, instanceUuid, zone, nic, securityGroupIds));
            }
            return done;
        } catch (NetworkServiceException e) {
            undo(caller.token(), done);
            String message = e.isUnreachable() ? "The network service is unavailable: " + e.getMessage()
                    : e.getMessage();
            throw new PortAllocationException("Failed to allocate the network(s): " + message, e);
        }
    }

    private NicRow create(AuthContext caller, String instanceUuid, String zone, NicRow nic, List<String> groups) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode port = body.putObject("port");
        port.put("network_id", nic.networkId());
        port.put("device_id", instanceUuid);
        port.put("device_owner", owner(zone));
        if (!groups.isEmpty()) {
            groups.forEach(port.putArray("security_groups")::add);
        }
        if (nic.requestedIp() != null) {
            port.putArray("fixed_ips").addObject().put("ip_address", nic.requestedIp());
        }
        JsonNode created = neutron.post(caller.token(), "ports", body).path("port");
        return withPort(nic, created, true, List.of());
    }

    private NicRow attach(AuthContext caller, String instanceUuid, String zone, NicRow nic) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("port").put("device_id", instanceUuid).put("device_owner", owner(zone));
        JsonNode updated = neutron.put(caller.token(), "ports/" + NetworkServiceClient.encode(nic.portId()), body)
                .path("port");
        return withPort(nic, updated, false, List.of());
    }

    /** Nova's owner of a server's port: {@code compute:<availability zone>}. */
    static String owner(String zone) {
        return "compute:" + (zone == null || zone.isBlank() ? "nova" : zone);
    }

    static NicRow withPort(NicRow nic, JsonNode port, boolean owned, List<String> floatingIps) {
        List<String> fixed = new ArrayList<>();
        port.path("fixed_ips").forEach(ip -> fixed.add(ip.path("ip_address").asText()));
        return new NicRow(nic.position(), nic.networkId(), nic.networkName(), port.path("id").asText(),
                nic.requestedIp(), port.path("mac_address").asText(null), nic.tag(), fixed, floatingIps, owned);
    }

    private void undo(String token, List<NicRow> done) {
        for (NicRow nic : done) {
            try {
                give(token, nic, false);
            } catch (RuntimeException e) {
                LOG.warnf("Could not undo port %s of a failed allocation: %s", nic.portId(), e.getMessage());
            }
        }
    }

    /**
     * Deletes a port this service made, detaches one the user passed in ({@code unbind}: also from its host,
     * which takes an admin's or this service's token).
     */
    private void give(String token, NicRow nic, boolean unbind) {
        String path = "ports/" + NetworkServiceClient.encode(nic.portId());
        if (nic.portOwned()) {
            neutron.delete(token, path);
        } else {
            ObjectNode body = JSON.createObjectNode();
            ObjectNode port = body.putObject("port").put("device_id", "").put("device_owner", "");
            if (unbind) {
                port.put("binding:host_id", "");
            }
            try {
                neutron.put(token, path, body);
            } catch (NetworkServiceException e) {
                if (!e.isNotFound()) {
                    throw e;
                }
            }
        }
    }

    @Override
    public void release(Collection<String> instanceUuids) {
        List<String> ids = List.copyOf(instanceUuids);
        background.execute(() -> {
            for (String uuid : ids) {
                for (NicRow nic : instances.nics(uuid)) {
                    if (nic.portId() == null) {
                        continue;
                    }
                    try {
                        give(token(), nic, true);
                    } catch (RuntimeException | IOException e) {
                        LOG.errorf("Could not give back port %s of deleted instance %s: %s", nic.portId(), uuid,
                                e.getMessage());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        });
    }

    @Override
    public void giveBack(NicRow nic) {
        if (nic.portId() == null) {
            return;
        }
        try {
            give(token(), nic, true);
        } catch (NetworkServiceException e) {
            if (!e.isNotFound()) {
                throw new PortAllocationException("Could not give back port " + nic.portId() + ": " + e.getMessage(), e);
            }
        } catch (IOException e) {
            throw new PortAllocationException("Could not give back port " + nic.portId() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PortAllocationException("Interrupted while giving back port " + nic.portId(), e);
        }
    }

    @Override
    public void changeSecurityGroup(AuthContext caller, String instanceUuid, String groupId, boolean add) {
        try {
            for (JsonNode port : neutron.list(caller.token(), "ports", Map.of("device_id", List.of(instanceUuid)))) {
                List<String> groups = new ArrayList<>();
                port.path("security_groups").forEach(g -> groups.add(g.asText()));
                boolean changed = add ? !groups.contains(groupId) && groups.add(groupId) : groups.remove(groupId);
                if (!changed) {
                    continue;
                }
                ObjectNode body = JSON.createObjectNode();
                groups.forEach(body.putObject("port").putArray("security_groups")::add);
                neutron.put(caller.token(), "ports/" + NetworkServiceClient.encode(port.path("id").asText()), body);
            }
        } catch (NetworkServiceException e) {
            throw NetworkServiceCalls.unavailable(e);
        }
    }

    @Override
    public void refresh(Collection<String> instanceUuids) {
        for (String uuid : instanceUuids) {
            List<NicRow> nics = instances.nics(uuid);
            if (nics.stream().noneMatch(n -> n.portId() != null)) {
                continue;
            }
            try {
                String token = token();
                Map<String, JsonNode> ports = new HashMap<>();
                for (JsonNode p : neutron.list(token, "ports", Map.of("device_id", List.of(uuid)))) {
                    ports.put(p.path("id").asText(), p);
                }
                Map<String, List<String>> floating = new HashMap<>();
                if (!ports.isEmpty()) {
                    for (JsonNode f : neutron.list(token, "floatingips", Map.of("port_id", List.copyOf(ports.keySet())))) {
                        floating.computeIfAbsent(f.path("port_id").asText(), k -> new ArrayList<>())
                                .add(f.path("floating_ip_address").asText());
                    }
                }
                for (NicRow nic : nics) {
                    JsonNode port = nic.portId() == null ? null : ports.get(nic.portId());
                    if (port != null) {
                        instances.updateNic(uuid, withPort(nic, port, nic.portOwned(),
                                floating.getOrDefault(nic.portId(), List.of())));
                    }
                }
            } catch (RuntimeException | IOException e) {
                LOG.warnf("Could not refresh the addresses of instance %s: %s", uuid, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private String token() throws IOException, InterruptedException {
        return serviceToken.get().orElseThrow(() -> new IOException(
                "no service credentials (stratus.auth.service.*) to call network-service"));
    }
}
