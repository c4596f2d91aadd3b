package dev.stratus.compute.node;

import dev.stratus.common.compute.BuildInstance;
import dev.stratus.common.compute.FlavorSpec;
import dev.stratus.common.compute.ImageSpec;
import dev.stratus.common.compute.InstanceBuild;
import dev.stratus.common.compute.NetworkRequest;
import dev.stratus.common.compute.RequestSpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Build requests as the scheduler sends them. */
public final class TestInstances {

    public static final FlavorSpec SMALL = new FlavorSpec("1", "m1.small", 2, 2048, 20, 0, 0, Map.of());
    public static final ImageSpec CIRROS = new ImageSpec("8f7c3a52-0d1e-4c2b-9a1f-2b3c4d5e6f70", "cirros",
            "qcow2", "bare", 21430272, "443b7623e27ecf03dc9e01ee93f67afe", 0, 0, Map.of());

    private TestInstances() {
    }

    public static InstanceBuild instance(String name, Map<String, String> metadata) {
        return instance(UUID.randomUUID().toString(), name, metadata, List.of());
    }

    public static InstanceBuild instance(String id, String name, Map<String, String> metadata,
            List<NetworkRequest> networks) {
        return new InstanceBuild(id, name, name, "project-1", "user-1", SMALL, CIRROS, null, null, null, metadata,
                networks, false, "nova", 0, "r-test", null, Instant.parse("2026-11-25T06:00:00Z"));
    }

    public static BuildInstance build(InstanceBuild instance, String host, int attempt, int maxAttempts) {
        RequestSpec spec = new RequestSpec(instance.projectId(), instance.userId(), instance.flavor(),
                instance.image(), null, null, List.of());
        return new BuildInstance(instance, spec, host, host, List.of(), attempt, maxAttempts);
    }
}
