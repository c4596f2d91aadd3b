package dev.stratus.compute.api.network;

import dev.stratus.common.auth.ServiceToken;
import dev.stratus.common.network.client.NetworkServiceClient;
import dev.stratus.compute.api.config.ComputeSettings;
import dev.stratus.compute.api.persistence.InstanceRepository;
import dev.stratus.compute.api.service.FloatingIps;
import dev.stratus.compute.api.service.NetworkCatalog;
import dev.stratus.compute.api.service.NoFloatingIps;
import dev.stratus.compute.api.service.NoNetworkCatalog;
import dev.stratus.compute.api.service.ServerPorts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Networking as configured: through network-service when {@code stratus.compute.network-url} is set, else a
 * cloud without networks (servers get no NIC; only the {@code default} security group exists). The catalog and
 * the ports are application-scoped (client proxies), so that tests can stand in for network-service.
 */
public class NetworkingProducer {

    private static final Logger LOG = Logger.getLogger(NetworkingProducer.class);

    @Produces
    @Singleton
    Optional<NetworkServiceClient> client(ComputeSettings settings) {
        Optional<NetworkServiceClient> client = settings.networkUrl().filter(u -> !u.isBlank())
                .map(url -> new NetworkServiceClient(url, settings.networkTimeout()));
        LOG.infof("Networking: %s", client.isPresent() ? "network-service at " + settings.networkUrl().get()
                : "none (stratus.compute.network-url is not set: servers get no NIC)");
        return client;
    }

    @Produces
    @ApplicationScoped
    NetworkCatalog catalog(Optional<NetworkServiceClient> client) {
        return client.<NetworkCatalog>map(NeutronNetworkCatalog::new).orElseGet(NoNetworkCatalog::new);
    }

    @Produces
    @Singleton
    FloatingIps floatingIps(Optional<NetworkServiceClient> client, ComputeSettings settings) {
        return client.<FloatingIps>map(c -> new NeutronFloatingIps(c, settings.defaultFloatingPool()))
                .orElseGet(NoFloatingIps::new);
    }

    @Produces
    @ApplicationScoped
    ServerPorts ports(Optional<NetworkServiceClient> client, ServiceToken serviceToken, InstanceRepository instances) {
        return client.<ServerPorts>map(c -> new NeutronServerPorts(c, serviceToken, instances)).orElse(ServerPorts.NONE);
    }
}
