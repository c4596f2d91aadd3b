package dev.stratus.compute.api.service.iface;

import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.auth.Policy;
import dev.stratus.common.compute.DetachInterface;
import dev.stratus.common.compute.InterfaceResult;
import dev.stratus.common.fault.ApiException;
import dev.stratus.compute.api.persistence.InstanceActionRepository;
import dev.stratus.compute.api.persistence.InstanceRepository;
import dev.stratus.compute.api.persistence.InstanceRow;
import dev.stratus.compute.api.persistence.NicRow;
import dev.stratus.compute.api.service.ComputeRules;
import dev.stratus.compute.api.service.ServerLookup;
import dev.stratus.compute.api.service.ServerPorts;
import dev.stratus.compute.api.service.action.Locks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

/**
 * {@code DELETE /servers/{id}/os-interface/{port}}, as Nova's detach_interface: checks the server as an attach
 * does, records the action {@code detach_interface}, asks the host to unplug the NIC and then forgets it and gives
 * its port back (deleted when compute-api made it, else unbound). A port the server does not have is a 404.
 */
@ApplicationScoped
public class InterfaceDetacher {

    static final String ACTION = "detach_interface";
    private static final Logger LOG = Logger.getLogger(InterfaceDetacher.class);

    private final ServerLookup lookup;
    private final InstanceRepository instances;
    private final InstanceActionRepository actions;
    private final ServerPorts ports;
    private final HostInterfaceCalls host;
    private final Policy policy;

    public InterfaceDetacher(ServerLookup lookup, InstanceRepository instances, InstanceActionRepository actions,
            ServerPorts ports, HostInterfaceCalls host, Policy policy) {
        this.lookup = lookup;
        this.instances = instances;
        this.actions = actions;
        this.ports = ports;
        this.host = host;
        this.policy = policy;
    }

    public void detach(AuthContext caller, String uuid, String portId, String requestId) {
        Begun begun = begin(caller, uuid, portId, requestId);
        InterfaceResult result;
        try {
            result = host.detach(begun.row().host(), new DetachInterface(uuid, portId, requestId));
        } catch (ApiException e) {
            failed(uuid, requestId);
            throw e;
        }
        switch (result.outcome()) {
            case DONE -> {
            }
            case NOT_SUPPORTED -> throw ApiException.notImplemented(result.message() != null ? result.message()
                    : "Detaching interfaces is not supported for instance " + uuid + ".");
            default -> throw ApiException.conflict("Failed to detach network adapter device from " + uuid);
        }
        forget(uuid, portId);
        try {
            ports.giveBack(begun.nic());
        } catch (ServerPorts.PortAllocationException e) {
            LOG.errorf("Instance %s: detached port %s not given back: %s", uuid, portId, e.getMessage());
        }
    }

    record Begun(InstanceRow row, NicRow nic) {
    }

    @Transactional
    Begun begin(AuthContext caller, String uuid, String portId, String requestId) {
        InstanceRow row = lookup.lockVisible(caller, uuid);
        policy.enforce("os_compute_api:os-attach-interfaces:delete", ComputeRules.memberOf(row.projectId()));
        Locks.check(caller, row);
        InterfaceStates.RULE.checkOnHost(ACTION, row);
        NicRow nic = instances.nics(uuid).stream().filter(n -> portId.equals(n.portId())).findFirst()
                .orElseThrow(() -> ApiException.notFound("Port " + portId + " is not attached"));
        actions.start(uuid, ACTION, requestId, caller.userId(), caller.projectId());
        return new Begun(row, nic);
    }

    @Transactional
    void forget(String uuid, String portId) {
        instances.removeNic(uuid, portId);
    }

    @Transactional
    void failed(String uuid, String requestId) {
        actions.finish(uuid, requestId, true);
    }
}
