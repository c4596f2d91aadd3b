package dev.stratus.compute.api.service.iface;

import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.compute.NetworkRequest;
import dev.stratus.common.fault.ApiException;
import dev.stratus.compute.api.service.NetworkCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Resolves an attach request into the one NIC to add, through the {@link NetworkCatalog} that server creation
 * uses, with the answers Nova gives for an attach: an unknown network or port is a 404, several possible networks
 * or none a 400 (a create answers 409 and no NIC), a port in use a 409.
 */
@ApplicationScoped
public class InterfaceTargets {

    private final NetworkCatalog networks;

    public InterfaceTargets(NetworkCatalog networks) {
        this.networks = networks;
    }

    public NetworkRequest resolve(AuthContext caller, String projectId, AttachRequest request) {
        List<NetworkCatalog.Requested> requested = request.netId() == null && request.portId() == null ? List.of()
                : List.of(new NetworkCatalog.Requested(request.netId(), request.portId(), request.fixedIp(),
                        request.tag()));
        List<NetworkRequest> nics;
        try {
            nics = networks.resolve(caller, null, requested);
        } catch (NetworkCatalog.NotFound e) {
            throw ApiException.notFound(e.getMessage());
        } catch (ApiException e) {
            if (requested.isEmpty() && e.status() == 409) {
                throw ApiException.badRequest(e.getMessage());
            }
            throw e;
        }
        if (nics.isEmpty()) {
            throw ApiException.badRequest("No specific network was requested and none are available for project '"
                    + projectId + "'.");
        }
        NetworkRequest nic = nics.get(0);
        return new NetworkRequest(nic.networkId(), nic.networkName(), nic.portId(), nic.fixedIp(), nic.macAddress(),
                request.tag());
    }
}
