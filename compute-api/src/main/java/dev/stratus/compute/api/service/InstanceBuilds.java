package dev.stratus.compute.api.service;

import dev.stratus.common.compute.FlavorSpec;
import dev.stratus.common.compute.ImageSpec;
import dev.stratus.common.compute.InstanceBuild;
import dev.stratus.compute.api.persistence.InstanceRepository;
import dev.stratus.compute.api.persistence.InstanceRow;
import dev.stratus.compute.api.persistence.NicRow;
import jakarta.enterprise.context.ApplicationScoped;

/** What a host needs to build an existing instance again (rebuild) or to boot it from another image (rescue). */
@ApplicationScoped
public class InstanceBuilds {

    private final InstanceRepository instances;

    public InstanceBuilds(InstanceRepository instances) {
        this.instances = instances;
    }

    /** The flavor the instance has now, as its row keeps it. */
    public static FlavorSpec flavorOf(InstanceRow r) {
        return new FlavorSpec(r.flavorId(), r.flavorName(), r.vcpus(), r.memoryMb(), r.rootGb(), r.ephemeralGb(),
                r.swap(), r.flavorExtraSpecs());
    }

    /** The instance as its row has it, booting {@code image}, with {@code adminPass} on its config drive. */
    public InstanceBuild of(InstanceRow r, ImageSpec image, String adminPass) {
        return new InstanceBuild(r.uuid(), r.displayName(), r.hostname(), r.projectId(), r.userId(), flavorOf(r), image,
                r.keyName(), r.keyData(), r.userData(), instances.metadata(r.uuid()),
                instances.nics(r.uuid()).stream().map(NicRow::toRequest).toList(), r.configDrive(),
                r.availabilityZone(), r.launchIndex(), r.reservationId(), adminPass, r.createdAt());
    }
}
