package dev.stratus.scheduler.filter;

import static dev.stratus.scheduler.SimulatedHosts.context;
import static dev.stratus.scheduler.SimulatedHosts.up;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.stratus.common.compute.RequestSpec;
import dev.stratus.common.compute.SchedulingHints;
import dev.stratus.scheduler.TestFleet;
import dev.stratus.scheduler.service.HostState;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ImagePropertiesFilterTest {

    private final ImagePropertiesFilter filter = new ImagePropertiesFilter();

    private static SelectionContext image(Map<String, String> properties) {
        return context(new RequestSpec("p", "u", TestFleet.flavor(1, 512, 1), TestFleet.image(properties), null,
                SchedulingHints.NONE, List.of()));
    }

    private static HostState host(String hypervisor, String arch) {
        HostState host = up("h1", 4, 4096, 40);
        host.hypervisor(hypervisor, arch);
        return host;
    }

    @Test
    void imageWithoutPropertiesRunsAnywhere() {
        assertNull(filter.reject(host("QEMU", "aarch64"), image(Map.of())));
    }

    @Test
    void architectureMustMatchWithNovaSynonyms() {
        assertNull(filter.reject(host("QEMU", "x86_64"), image(Map.of("architecture", "x86_64"))));
        assertNull(filter.reject(host("QEMU", "x86_64"), image(Map.of("architecture", "amd64"))));
        assertNull(filter.reject(host("QEMU", "aarch64"), image(Map.of("architecture", "arm64"))));
        assertEquals("architecture aarch64 not supported",
                filter.reject(host("QEMU", "x86_64"), image(Map.of("architecture", "aarch64"))));
    }

    @Test
    void hypervisorTypeMustMatchIgnoringCase() {
        assertNull(filter.reject(host("QEMU", "x86_64"), image(Map.of("hypervisor_type", "qemu"))));
        assertEquals("hypervisor_type xen not supported",
                filter.reject(host("QEMU", "x86_64"), image(Map.of("hypervisor_type", "xen"))));
    }

    @Test
    void kvmImagesNeedHardwareVirtualisationOnAQemuHost() {
        HostState tcg = host("QEMU", "x86_64");
        assertEquals("hypervisor_type kvm not supported", filter.reject(tcg, image(Map.of("hypervisor_type", "kvm"))));
        HostState intel = host("QEMU", "x86_64");
        intel.traits(Set.of("HW_CPU_X86_VMX"));
        assertNull(filter.reject(intel, image(Map.of("hypervisor_type", "kvm"))));
        HostState amd = host("QEMU", "x86_64");
        amd.traits(Set.of("HW_CPU_X86_SVM"));
        assertNull(filter.reject(amd, image(Map.of("hypervisor_type", "kvm"))));
        assertNull(filter.reject(host("kvm", "x86_64"), image(Map.of("hypervisor_type", "qemu"))),
                "a KVM host runs TCG images too");
    }

    @Test
    void aHostThatReportedNothingIsNotExcluded() {
        assertNull(filter.reject(host(null, null), image(Map.of("architecture", "aarch64", "hypervisor_type", "xen"))));
    }
}
