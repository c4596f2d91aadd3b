package dev.stratus.compat;

import java.nio.file.Path;
import java.util.Map;

/**
 * What libvirt says of a guest, read with {@code virsh} on qemu:///system: what the end-to-end tests check behind
 * the CLI's answer (the domain really stopped, the NIC really hot-plugged, the memory really changed).
 */
final class VirshDomains {

    private final Path workingDirectory;

    VirshDomains(Path workingDirectory) {
        this.workingDirectory = workingDirectory;
    }

    /** {@code virsh domstate}: "running", "shut off", ... */
    String state(String domain) throws Exception {
        return virsh("domstate", domain).trim();
    }

    /** {@code virsh domblklist}: the disks' targets and sources. */
    String blockDevices(String domain) throws Exception {
        return virsh("domblklist", domain);
    }

    /** How many virtio NICs the live domain has. */
    long interfaces(String domain) throws Exception {
        return virsh("domiflist", domain).lines().filter(l -> l.contains("virtio")).count();
    }

    /** The domain's maximum memory in KiB ({@code virsh dominfo}), -1 when not shown. */
    long maxMemoryKib(String domain) throws Exception {
        return virsh("dominfo", domain).lines().filter(l -> l.startsWith("Max memory:"))
                .map(l -> l.replaceAll("\\D", "")).mapToLong(Long::parseLong).findFirst().orElse(-1);
    }

    private String virsh(String command, String domain) throws Exception {
        return Shell.run(workingDirectory, Map.of(), 30, "virsh", "-c", "qemu:///system", command, domain)
                .expectSuccess("virsh " + command).stdout();
    }
}
