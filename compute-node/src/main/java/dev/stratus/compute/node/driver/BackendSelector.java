package dev.stratus.compute.node.driver;

import dev.stratus.compute.node.config.ComputeNodeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Picks the {@link HypervisorBackend} whose name is {@code stratus.compute.driver}; start-up fails when none
 * or more than one has that name.
 */
@ApplicationScoped
public class BackendSelector {

    private final ComputeNodeConfig config;
    private final Instance<HypervisorBackend> backends;

    public BackendSelector(ComputeNodeConfig config, @Any Instance<HypervisorBackend> backends) {
        this.config = config;
        this.backends = backends;
    }

    public HypervisorBackend selected() {
        String wanted = config.driver();
        List<HypervisorBackend> all = backends.stream().toList();
        List<HypervisorBackend> matching = all.stream().filter(b -> b.name().equals(wanted)).toList();
        if (matching.size() == 1) {
            return matching.get(0);
        }
        String known = all.stream().map(HypervisorBackend::name).sorted().collect(Collectors.joining(", "));
        if (matching.isEmpty()) {
            throw new IllegalStateException("stratus.compute.driver=" + wanted + " names no driver; known: " + known);
        }
        throw new IllegalStateException("stratus.compute.driver=" + wanted + " names " + matching.size()
                + " drivers: " + matching.stream().map(b -> b.getClass().getName()).collect(Collectors.joining(", ")));
    }
}
