package dev.stratus.compute.node.fake;

import dev.stratus.compute.node.config.ComputeNodeConfig;
import java.time.Duration;
import java.util.Optional;

/**
 * How one fake hypervisor behaves: its capacity and the faults it injects.
 *
 * @param failSpawn probability (0 to 1) that a spawn fails
 * @param failSpawnNamePrefix servers whose name starts with it fail to spawn; null for none
 * @param failSpawnHostKey metadata key listing (comma-separated) the hosts where the server fails to spawn
 * @param failDelete probability (0 to 1) that a destroy fails
 * @param snapshotDelay how long a snapshot takes
 */
public record FakeDriverSettings(String hypervisorHostname, int vcpus, long memoryMb, long diskGb, double failSpawn,
        String failSpawnNamePrefix, String failSpawnHostKey, Duration spawnDelay, double failDelete,
        Duration snapshotDelay) {

    public static FakeDriverSettings of(ComputeNodeConfig.FakeDriverConfig config, String host) {
        // One configured name cannot belong to several simulated hosts: then each reports its own host name.
        return new FakeDriverSettings(config.hypervisorHostname().filter(h -> config.nodeCount() == 1).orElse(host), config.vcpus(), config.memoryMb(),
                config.diskGb(), config.failSpawn(), config.failSpawnNamePrefix().orElse(null),
                config.failSpawnHostKey(), config.spawnDelay(), config.failDelete(), config.snapshotDelay());
    }

    /** A well-behaved fake: given capacity, no faults, no delay. */
    public static FakeDriverSettings reliable(String hypervisorHostname) {
        return new FakeDriverSettings(hypervisorHostname, 16, 32768, 500, 0, null, "fake_fail_spawn_host",
                Duration.ZERO, 0, Duration.ZERO);
    }

    public FakeDriverSettings withFailSpawn(double probability) {
        return new FakeDriverSettings(hypervisorHostname, vcpus, memoryMb, diskGb, probability, failSpawnNamePrefix,
                failSpawnHostKey, spawnDelay, failDelete, snapshotDelay);
    }

    public FakeDriverSettings withFailDelete(double probability) {
        return new FakeDriverSettings(hypervisorHostname, vcpus, memoryMb, diskGb, failSpawn, failSpawnNamePrefix,
                failSpawnHostKey, spawnDelay, probability, snapshotDelay);
    }

    Optional<String> namePrefix() {
        return Optional.ofNullable(failSpawnNamePrefix).filter(p -> !p.isEmpty());
    }
}
