package dev.stratus.compute.api.servers;

import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.compute.NetworkRequest;
import dev.stratus.common.fault.ApiException;
import dev.stratus.common.network.client.NetworkServiceException;
import dev.stratus.compute.api.persistence.NicRow;
import dev.stratus.compute.api.service.NetworkCatalog;
import dev.stratus.compute.api.service.ServerPorts;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands where network-service would be for the interface tests: a catalog with one usable network
 * ({@link #NET}), one without subnets, one whose NICs the host refuses, a free and a busy port; and ports that
 * remember what was made and given back. Projects named {@code p-many-...} see several networks.
 */
final class InterfaceNetworkStandIns {

    static final String NET = "5e1f0000-0000-4000-8000-00000000000a";
    static final String NET_WITHOUT_SUBNET = "5e1f0000-0000-4000-8000-00000000000b";
    static final String FREE_PORT = "9b0f0000-0000-4000-8000-0000000000f1";
    static final String FREE_PORT_MAC = "fa:16:3e:00:00:f1";
    static final String BUSY_PORT = "9b0f0000-0000-4000-8000-0000000000b2";
    static final String TAKEN_IP = "10.0.0.250";

    final List<NicRow> made = new CopyOnWriteArrayList<>();
    final List<List<String>> groups = new CopyOnWriteArrayList<>();
    final List<NicRow> givenBack = new CopyOnWriteArrayList<>();
    private final AtomicInteger addresses = new AtomicInteger(10);

    NetworkCatalog catalog() {
        return new NetworkCatalog() {
            @Override
            public List<NetworkRequest> resolve(AuthContext caller, String mode, List<Requested> requested) {
                if ("none".equals(mode)) {
                    return List.of();
                }
                if (requested.isEmpty()) {
                    if (caller.projectId().startsWith("p-many")) {
                        throw ApiException.conflict(
                                "Multiple possible networks found, use a Network ID to be more specific.");
                    }
                    return List.of(new NetworkRequest(NET, "private", null, null, null, null));
                }
                Requested r = requested.get(0);
                if (r.portId() != null) {
                    return switch (r.portId()) {
                        case FREE_PORT -> List.of(new NetworkRequest(NET, "private", FREE_PORT, null, FREE_PORT_MAC,
                                r.tag()));
                        case BUSY_PORT -> throw ApiException.conflict("Port " + BUSY_PORT + " is still in use.");
                        default -> throw new NotFound("Port id " + r.portId() + " could not be found.");
                    };
                }
                return switch (r.networkId()) {
                    case NET -> List.of(new NetworkRequest(NET, "private", null, r.fixedIp(), null, r.tag()));
                    case SchedulerStub.UNPLUGGABLE_NET -> List.of(new NetworkRequest(r.networkId(), "refused", null,
                            null, null, r.tag()));
                    case NET_WITHOUT_SUBNET -> throw ApiException.badRequest("Network " + r.networkId()
                            + " requires a subnet in order to boot instances on.");
                    default -> throw new NotFound("Network " + r.networkId() + " could not be found.");
                };
            }

            @Override
            public List<SecurityGroup> requireSecurityGroups(AuthContext caller, List<String> names) {
                return names.stream().map(n -> new SecurityGroup("sg-" + n, n)).toList();
            }
        };
    }

    ServerPorts ports() {
        return new ServerPorts() {
            @Override
            public List<NicRow> allocate(AuthContext caller, String instanceUuid, String zone, List<NicRow> nics,
                    List<String> securityGroupIds) {
                List<NicRow> out = new ArrayList<>();
                for (NicRow nic : nics) {
                    if (TAKEN_IP.equals(nic.requestedIp())) {
                        throw new PortAllocationException("taken", new NetworkServiceException(409,
                                "IpAddressAlreadyAllocated", "IP address " + TAKEN_IP + " already allocated"));
                    }
                    boolean owned = nic.portId() == null;
                    String ip = nic.requestedIp() != null ? nic.requestedIp() : "10.0.0." + addresses.incrementAndGet();
                    NicRow port = new NicRow(nic.position(), nic.networkId(), nic.networkName(),
                            owned ? UUID.randomUUID().toString() : nic.portId(), nic.requestedIp(),
                            owned ? "fa:16:3e:00:01:" + Integer.toHexString(addresses.get() & 0xff) : nic.macAddress(),
                            nic.tag(), List.of(ip), List.of(), owned);
                    out.add(port);
                    made.add(port);
                }
                groups.add(List.copyOf(securityGroupIds));
                return out;
            }

            @Override
            public void release(Collection<String> instanceUuids) {
            }

            @Override
            public void giveBack(NicRow nic) {
                givenBack.add(nic);
            }

            @Override
            public void changeSecurityGroup(AuthContext caller, String instanceUuid, String groupId, boolean add) {
            }

            @Override
            public void refresh(Collection<String> instanceUuids) {
            }
        };
    }
}
