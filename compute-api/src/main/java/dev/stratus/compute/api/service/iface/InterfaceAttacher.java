package dev.stratus.compute.api.service.iface;

import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.auth.Policy;
import dev.stratus.common.compute.AttachInterface;
import dev.stratus.common.compute.InterfaceResult;
import dev.stratus.common.compute.NetworkRequest;
import dev.stratus.common.fault.ApiException;
import dev.stratus.compute.api.persistence.InstanceActionRepository;
import dev.stratus.compute.api.persistence.InstanceRepository;
import dev.stratus.compute.api.persistence.InstanceRow;
import dev.stratus.compute.api.persistence.NicRow;
import dev.stratus.compute.api.service.ComputeRules;
import dev.stratus.compute.api.service.NetworkCatalog;
import dev.stratus.compute.api.service.ServerLookup;
import dev.stratus.compute.api.service.ServerPorts;
import dev.stratus.compute.api.service.action.Locks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * {@code POST /servers/{id}/os-interface}, as Nova's attach_interface: checks the server (not locked; ACTIVE,
 * PAUSED or STOPPED without a task), records the action {@code attach_interface}, makes the port on the network
 * (with the server's security groups) or claims the given one, asks the host to plug it (a call) and keeps the
 * new NIC. When the host cannot plug it, the port is given back (deleted when made here) and nothing is kept.
 */
@ApplicationScoped
public class InterfaceAttacher {

    static final String ACTION = "attach_interface";
    private static final Logger LOG = Logger.getLogger(InterfaceAttacher.class);

    private final ServerLookup lookup;
    private final InstanceRepository instances;
    private final InstanceActionRepository actions;
    private final InterfaceTargets targets;
    private final NetworkCatalog networks;
    private final ServerPorts ports;
    private final HostInterfaceCalls host;
    private final Policy policy;

    public InterfaceAttacher(ServerLookup lookup, InstanceRepository instances, InstanceActionRepository actions,
            InterfaceTargets targets, NetworkCatalog networks, ServerPorts ports, HostInterfaceCalls host,
            Policy policy) {
        this.lookup = lookup;
        this.instances = instances;
        this.actions = actions;
        this.targets = targets;
        this.networks = networks;
        this.ports = ports;
        this.host = host;
        this.policy = policy;
    }

    /** @return the new NIC, with its port, MAC and addresses */
    public NicRow attach(AuthContext caller, String uuid, AttachRequest request, String requestId) {
        InstanceRow row = begin(caller, uuid, requestId);
        NicRow nic;
        try {
            NetworkRequest target = targets.resolve(caller, row.projectId(), request);
            nic = allocate(caller, row, target, request);
        } catch (RuntimeException e) {
            failed(uuid, requestId);
            throw e;
        }
        InterfaceResult result;
        try {
            result = host.attach(row.host(), new AttachInterface(uuid, nic.toRequest(), requestId));
        } catch (ApiException e) {
            failed(uuid, requestId);
            giveBack(uuid, nic);
            throw e;
        }
        if (result.outcome() != InterfaceResult.Outcome.DONE) {
            LOG.infof("Interface %s not attached to %s: %s", nic.portId(), uuid, result.message());
            giveBack(uuid, nic);
            throw result.outcome() == InterfaceResult.Outcome.NOT_SUPPORTED
                    ? ApiException.badRequest("Attaching interfaces is not supported for instance " + uuid + ".")
                    : new ApiException(500, "Failed to attach network adapter device to " + uuid);
        }
        return keep(uuid, nic);
    }

    @Transactional
    InstanceRow begin(AuthContext caller, String uuid, String requestId) {
        InstanceRow row = lookup.lockVisible(caller, uuid);
        policy.enforce("os_compute_api:os-attach-interfaces:create", ComputeRules.memberOf(row.projectId()));
        Locks.check(caller, row);
        InterfaceStates.RULE.checkOnHost(ACTION, row);
        actions.start(uuid, ACTION, requestId, caller.userId(), caller.projectId());
        return row;
    }

    private NicRow allocate(AuthContext caller, InstanceRow row, NetworkRequest target, AttachRequest request) {
        NicRow wanted = NicRow.requested(0, target.networkId(), target.networkName(), target.portId(),
                target.fixedIp(), target.macAddress(), target.tag());
        List<String> groups = target.portId() != null ? List.of() : groupIds(caller, row);
        try {
            List<NicRow> made = ports.allocate(caller, row.uuid(), row.availabilityZone(), List.of(wanted), groups);
            return made.get(0);
        } catch (ServerPorts.PortAllocationException e) {
            throw PortAllocationErrors.of(e, row.uuid(), target.networkId(), request.fixedIp());
        }
    }

    /** The server's security groups, which a port made for it carries (the project's default when it has none). */
    private List<String> groupIds(AuthContext caller, InstanceRow row) {
        if (!caller.projectId().equals(row.projectId())) {
            return List.of();
        }
        List<String> names = instances.details(List.of(row), false).get(0).securityGroups();
        return networks.requireSecurityGroups(caller, names).stream().map(NetworkCatalog.SecurityGroup::id).toList();
    }

    @Transactional
    NicRow keep(String uuid, NicRow nic) {
        return instances.appendNic(uuid, nic);
    }

    @Transactional
    void failed(String uuid, String requestId) {
        actions.finish(uuid, requestId, true);
    }

    private void giveBack(String uuid, NicRow nic) {
        try {
            ports.giveBack(nic);
        } catch (ServerPorts.PortAllocationException e) {
            LOG.errorf("Instance %s: port %s of a failed attach not given back: %s", uuid, nic.portId(),
                    e.getMessage());
        }
    }
}
