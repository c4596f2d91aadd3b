package dev.stratus.compute.node.libvirt;

import java.time.Duration;

/** Boots a probe guest under KVM and says whether it ran. */
@FunctionalInterface
public interface KvmProbe {

    /**
     * @param emulator the QEMU binary libvirt would use
     * @return whether the probe guest reached its end under KVM within {@code timeout}, and why not
     */
    Result run(String emulator, Duration timeout);

    record Result(boolean ran, String detail) {
    }
}
