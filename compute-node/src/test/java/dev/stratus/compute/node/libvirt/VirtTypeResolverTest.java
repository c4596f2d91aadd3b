package dev.stratus.compute.node.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The virt-type decision: by default ({@code auto}) KVM is used only when a probe guest really ran under it,
 * after cheaper checks on a fake {@code /dev/kvm}, {@code /proc/cpuinfo} and {@code /sys/module}; also the
 * probe program itself, run under TCG, and the decision on this very host.
 */
class VirtTypeResolverTest {

    private static final HostCapabilities KVM_OFFERED = HostCapabilities.parse(FakeLibvirtHost.CAPABILITIES);

    private static final HostCapabilities TCG_ONLY = HostCapabilities.parse(
            FakeLibvirtHost.CAPABILITIES.replace("<domain type='kvm'/>", ""));

    @TempDir
    Path dir;

    private final List<String> probed = new ArrayList<>();

    private KvmProbe probe(boolean runs) {
        return (emulator, timeout) -> {
            probed.add(emulator + " " + timeout.toSeconds());
            return new KvmProbe.Result(runs, runs ? "the probe guest reached long mode under KVM"
                    : "the probe guest did not finish within 20 s (serial output 'R')");
        };
    }

    /** A host whose /dev/kvm, CPU flags and modules are as given. */
    private VirtTypeResolver resolver(LibvirtSettings.VirtType type, KvmProbe probe, boolean devKvm, String flags,
            String... modules) throws IOException {
        Path dev = dir.resolve("kvm");
        if (devKvm) {
            Files.writeString(dev, "");
        }
        Path sys = Files.createDirectories(dir.resolve("module"));
        for (String module : modules) {
            Files.createDirectories(sys.resolve(module));
        }
        Path cpuinfo = Files.writeString(dir.resolve("cpuinfo"),
                "processor\t: 0\nvendor_id\t: GenuineIntel\nflags\t\t: fpu vme " + flags + " sse2\n");
        return new VirtTypeResolver(TestSettings.defaults(dir).withVirtType(type), probe, dev, sys, cpuinfo);
    }

    @Test
    void theDefaultIsAuto() {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(LibvirtSettings.class)
                .withConverter(Duration.class, 100, new DurationConverter()).build();
        LibvirtSettings defaults = config.getConfigMapping(LibvirtSettings.class);
        assertEquals(LibvirtSettings.VirtType.AUTO, defaults.virtType());
        assertEquals(Duration.ofSeconds(20), defaults.kvmProbeTimeout());
        assertEquals("qemu:///system", defaults.uri());
    }

    @Test
    void autoUsesKvmOnlyWhenTheProbeGuestRan() throws IOException {
        VirtTypeResolver.Decision kvm = resolver(LibvirtSettings.VirtType.AUTO, probe(true), true, "vmx", "kvm",
                "kvm_intel").resolve(() -> KVM_OFFERED);
        assertEquals("kvm", kvm.domainType());
        assertTrue(kvm.reason().startsWith("kvm_intel is loaded and the probe guest reached long mode"), kvm.reason());
        assertEquals(List.of("/usr/bin/qemu-system-x86_64 20"), probed, "the emulator libvirt names, the timeout");
    }

    @Test
    void autoFallsBackToQemuWhenTheProbeGuestDoesNotRun() throws IOException {
        VirtTypeResolver resolver = resolver(LibvirtSettings.VirtType.AUTO, probe(false), true, "svm", "kvm",
                "kvm_amd");
        VirtTypeResolver.Decision decision = resolver.resolve(() -> KVM_OFFERED);
        assertEquals("qemu", decision.domainType());
        assertTrue(decision.reason().contains("a probe guest did not run under KVM"), decision.reason());
        assertEquals(1, probed.size());
        resolver.resolve(() -> KVM_OFFERED);
        assertEquals(1, probed.size(), "decided once per process");
    }

    @Test
    void autoDoesNotProbeWhenACheapCheckFails() throws IOException {
        assertEquals("qemu", resolver(LibvirtSettings.VirtType.AUTO, probe(true), true, "vmx", "kvm_intel")
                .resolve(() -> TCG_ONLY).domainType(), "libvirt offers no kvm");
        Files.deleteIfExists(dir.resolve("kvm"));
        VirtTypeResolver.Decision noDevice = resolver(LibvirtSettings.VirtType.AUTO, probe(true), false, "vmx",
                "kvm_intel").resolve(() -> KVM_OFFERED);
        assertEquals("qemu", noDevice.domainType());
        assertTrue(noDevice.reason().contains("is missing"), noDevice.reason());
        assertTrue(probed.isEmpty());
    }

    @Test
    void aSoftwareKvmWithoutVmxOrSvmIsNotTrusted() throws IOException {
        VirtTypeResolver.Decision decision = resolver(LibvirtSettings.VirtType.AUTO, probe(true), true, "hypervisor",
                "kvm", "kvm_pvm").resolve(() -> KVM_OFFERED);
        assertEquals("qemu", decision.domainType());
        assertTrue(decision.reason().contains("(/dev/kvm comes from kvm_pvm)"), decision.reason());
        assertTrue(probed.isEmpty());
    }

    @Test
    void aConfiguredTypeIsTakenAsItIs() throws IOException {
        assertEquals("kvm", resolver(LibvirtSettings.VirtType.KVM, probe(false), false, "")
                .resolve(() -> TCG_ONLY).domainType());
        assertEquals("qemu", new VirtTypeResolver(TestSettings.defaults(dir).withVirtType(LibvirtSettings.VirtType.QEMU),
                probe(true)).resolve(() -> KVM_OFFERED).domainType());
        assertTrue(probed.isEmpty());
    }

    @Test
    void theProbeProgramReachesLongModeUnderTcg() {
        Path qemu = Path.of("/usr/bin/qemu-system-x86_64");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(qemu), "QEMU is not installed");
        KvmProbe.Result result = new QemuKvmProbe("tcg").run(qemu.toString(), Duration.ofSeconds(20));
        assertTrue(result.ran(), "the boot sector prints RPL and exits through isa-debug-exit: " + result.detail());
    }

    @Test
    void theProbeSaysWhyWhenTheEmulatorIsMissing() {
        KvmProbe.Result result = new QemuKvmProbe().run(dir.resolve("no-such-qemu").toString(), Duration.ofSeconds(2));
        assertFalse(result.ran());
        assertTrue(result.detail().contains("could not run"), result.detail());
    }

    /** The real checks and the real probe on this machine: KVM only if a guest really ran under it. */
    @Test
    void onThisHostKvmIsChosenOnlyIfItReallyRunsAGuest() {
        // the real probe with a timeout short enough for a test on a host where KVM guests hang
        KvmProbe shortProbe = (emulator, timeout) -> new QemuKvmProbe().run(emulator, Duration.ofSeconds(5));
        VirtTypeResolver resolver = new VirtTypeResolver(TestSettings.defaults(dir), shortProbe);
        VirtTypeResolver.Decision decision = resolver.resolve(() -> KVM_OFFERED);
        System.out.println("virt_type on this host: " + decision);
        if (decision.domainType().equals("kvm")) {
            assertTrue(decision.reason().contains("reached long mode under KVM"), decision.reason());
        } else {
            assertTrue(decision.reason().startsWith("TCG software emulation: "), decision.reason());
        }
    }
}
