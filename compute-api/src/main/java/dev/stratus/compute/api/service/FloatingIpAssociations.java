package dev.stratus.compute.api.service;

import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.auth.Policy;
import dev.stratus.common.fault.ApiException;
import dev.stratus.compute.api.persistence.InstanceRepository;
import dev.stratus.compute.api.persistence.InstanceRow;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The {@code addFloatingIp} and {@code removeFloatingIp} server actions as Nova's FloatingIPActionController
 * runs them (the checks on the server, then the association in network-service), and the release of a floating
 * IP that may be bound to a server. The servers whose addresses changed are read again at once (Nova's
 * {@code refresh_cache}), so the next {@code GET /servers/{id}} shows the change.
 */
@ApplicationScoped
public class FloatingIpAssociations {

    private final ServerLookup lookup;
    private final InstanceRepository instances;
    private final Policy policy;
    private final FloatingIps floatingIps;
    private final ServerPorts ports;

    public FloatingIpAssociations(ServerLookup lookup, InstanceRepository instances, Policy policy,
            FloatingIps floatingIps, ServerPorts ports) {
        this.lookup = lookup;
        this.instances = instances;
        this.policy = policy;
        this.floatingIps = floatingIps;
        this.ports = ports;
    }

    /** Binds the floating IP at {@code address} to the server's {@code fixedAddress} (null: its first IPv4). */
    public void add(AuthContext caller, String serverId, String address, String fixedAddress) {
        InstanceRow server = lookup.visible(caller, serverId);
        policy.enforce("os_compute_api:os-floating-ips:add", ComputeRules.memberOf(server.projectId()));
        String fixed = FixedAddressChoice.of(instances.nics(serverId), fixedAddress, address, serverId);
        FloatingIps.Binding before = floatingIps.associate(caller, serverId, address, fixed);
        Set<String> changed = new LinkedHashSet<>();
        changed.add(serverId);
        if (before.deviceId() != null) {
            changed.add(before.deviceId());
        }
        ports.refresh(changed);
    }

    /**
     * Frees the floating IP at {@code address} from the server. As in Nova, the server is the one the floating
     * IP is bound to (the URL's server is only compared with it), and the policy's target is that server's
     * project: a floating IP bound to nothing has no target, which only an admin passes.
     */
    public void remove(AuthContext caller, String serverId, String address) {
        FloatingIps.Binding fip = floatingIps.find(caller, address);
        InstanceRow holder = fip.deviceId() == null ? null : lookup.visible(caller, fip.deviceId());
        policy.enforce("os_compute_api:os-floating-ips:remove",
                ComputeRules.memberOf(holder == null ? null : holder.projectId()));
        if (holder == null || fip.portId() == null || !holder.uuid().equals(serverId)) {
            throw ApiException.conflict("Floating IP " + address + " is not associated with instance " + serverId
                    + ".");
        }
        floatingIps.disassociate(caller, fip);
        ports.refresh(Set.of(serverId));
    }

    /** Deletes a floating IP ({@code DELETE /os-floating-ips/{id}}), freeing the server it was bound to. */
    public void release(AuthContext caller, String id) {
        FloatingIps.Binding released = floatingIps.release(caller, id);
        if (released.deviceId() != null) {
            ports.refresh(Set.of(released.deviceId()));
        }
    }
}
