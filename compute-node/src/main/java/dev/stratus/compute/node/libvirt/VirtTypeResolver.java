package dev.stratus.compute.node.libvirt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Decides the libvirt domain type once per process. {@code kvm} and {@code qemu} are taken as configured;
 * {@code auto} picks {@code kvm} only when every check passes, in this order: libvirt offers a kvm domain
 * type for the host's architecture, {@code /dev/kvm} can be opened for reading and writing, the CPU
 * advertises hardware virtualisation (vmx or svm) with its KVM module loaded ({@code kvm_intel} or
 * {@code kvm_amd}, not a software KVM such as {@code kvm_pvm} that boots only guests made for it), and a
 * probe guest really reaches long mode under KVM. Anything else gives {@code qemu} (TCG).
 */
public class VirtTypeResolver {

    private static final Logger LOG = Logger.getLogger(VirtTypeResolver.class);

    /** The decision and the reason, logged once and shown in the README's terms. */
    public record Decision(String domainType, String reason) {
    }

    private final LibvirtSettings settings;

    private final KvmProbe probe;

    private final Path devKvm;

    private final Path sysModule;

    private final Path cpuInfo;

    private volatile Decision decision;

    public VirtTypeResolver(LibvirtSettings settings, KvmProbe probe) {
        this(settings, probe, Path.of("/dev/kvm"), Path.of("/sys/module"), Path.of("/proc/cpuinfo"));
    }

    VirtTypeResolver(LibvirtSettings settings, KvmProbe probe, Path devKvm, Path sysModule, Path cpuInfo) {
        this.settings = settings;
        this.probe = probe;
        this.devKvm = devKvm;
        this.sysModule = sysModule;
        this.cpuInfo = cpuInfo;
    }

    /** The domain type, deciding it on the first call with the capabilities the supplier reads. */
    public Decision resolve(Supplier<HostCapabilities> capabilities) {
        Decision known = decision;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (decision == null) {
                decision = decide(capabilities);
                LOG.infof("libvirt driver: virt_type %s (%s)", decision.domainType(), decision.reason());
            }
            return decision;
        }
    }

    private Decision decide(Supplier<HostCapabilities> capabilities) {
        switch (settings.virtType()) {
            case KVM:
                return new Decision("kvm", "configured");
            case QEMU:
                return new Decision("qemu", "configured");
            default:
                break;
        }
        Optional<HostCapabilities.GuestType> guest = capabilities.get().nativeHvmGuest();
        if (guest.isEmpty() || !guest.get().domainTypes().contains("kvm")) {
            return tcg("libvirt offers no kvm domain type for this architecture");
        }
        if (!Files.isReadable(devKvm) || !Files.isWritable(devKvm)) {
            return tcg(devKvm + " is missing or not readable and writable");
        }
        String module = hardwareKvmModule();
        if (module == null) {
            return tcg("the CPU advertises no vmx/svm or neither kvm_intel nor kvm_amd is loaded"
                    + otherKvmModules());
        }
        KvmProbe.Result result = probe.run(guest.get().emulator(), settings.kvmProbeTimeout());
        if (!result.ran()) {
            return tcg("a probe guest did not run under KVM: " + result.detail());
        }
        return new Decision("kvm", module + " is loaded and " + result.detail());
    }

    private static Decision tcg(String why) {
        return new Decision("qemu", "TCG software emulation: " + why);
    }

    private String hardwareKvmModule() {
        String flags = cpuFlags();
        if (flags.contains(" vmx") && Files.isDirectory(sysModule.resolve("kvm_intel"))) {
            return "kvm_intel";
        }
        if (flags.contains(" svm") && Files.isDirectory(sysModule.resolve("kvm_amd"))) {
            return "kvm_amd";
        }
        return null;
    }

    private String cpuFlags() {
        try {
            for (String line : Files.readAllLines(cpuInfo)) {
                if (line.toLowerCase(Locale.ROOT).startsWith("flags")) {
                    return " " + line.substring(line.indexOf(':') + 1).strip() + " ";
                }
            }
        } catch (IOException e) {
            LOG.debugf("cannot read %s: %s", cpuInfo, e.getMessage());
        }
        return "";
    }

    private String otherKvmModules() {
        try (var modules = Files.list(sysModule)) {
            String found = modules.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("kvm_") && !n.equals("kvm_intel") && !n.equals("kvm_amd")).sorted()
                    .reduce((a, b) -> a + ", " + b).orElse("");
            return found.isEmpty() ? "" : " (/dev/kvm comes from " + found + ")";
        } catch (IOException e) {
            return "";
        }
    }
}
