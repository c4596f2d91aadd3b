package dev.stratus.compute.node.libvirt;

import dev.stratus.compute.node.libvirt.domain.DomainDefinition;
import dev.stratus.compute.node.libvirt.domain.DomainXmlParser;
import dev.stratus.compute.node.libvirt.host.GuestDomain;
import dev.stratus.compute.node.libvirt.host.GuestLifecycleChange;
import dev.stratus.compute.node.libvirt.host.GuestState;
import dev.stratus.compute.node.libvirt.host.GuestStats;
import dev.stratus.compute.node.libvirt.host.HostNodeInfo;
import dev.stratus.compute.node.libvirt.host.LibvirtFailure;
import dev.stratus.compute.node.libvirt.host.LibvirtHost;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * An in-memory libvirt: domains with states that follow libvirt's rules with QEMU (destroy of a stopped domain
 * is an invalid operation, create restores a managed save, paused when it was saved paused, ...), a log of every guest call, and knobs to make a
 * guest ignore the power button or a call fail.
 */
final class FakeLibvirtHost implements LibvirtHost {

    static final String CAPABILITIES = """
            <capabilities>
              <host>
                <cpu><arch>x86_64</arch><model>Broadwell</model><vendor>Intel</vendor>
                  <topology sockets='1' dies='1' cores='2' threads='1'/>
                  <feature name='vme'/><feature name='hypervisor'/>
                </cpu>
              </host>
              <guest>
                <os_type>hvm</os_type>
                <arch name='x86_64'><emulator>/usr/bin/qemu-system-x86_64</emulator>
                  <domain type='qemu'/><domain type='kvm'/></arch>
              </guest>
            </capabilities>
            """;

    final Map<String, FakeGuest> domains = new LinkedHashMap<>();

    /** The domain of instance {@code instanceId}; null when it is not defined. */
    FakeGuest domainOf(String instanceId) {
        return domains.get(DomainBuilder.domainName(instanceId));
    }

    final List<String> calls = new CopyOnWriteArrayList<>();

    final List<Consumer<GuestLifecycleChange>> listeners = new CopyOnWriteArrayList<>();

    boolean alive = true;

    boolean closed;

    /** Guests defined from now on ignore the ACPI power button. */
    boolean guestsIgnorePowerButton;

    /** A failure to throw from the next {@code create}. */
    LibvirtFailure failNextCreate;

    /** Disks and host devices whose statistics libvirt refuses; "vcpus" and "memory" refuse those. */
    final Set<String> statsRefused = new HashSet<>();

    @Override
    public synchronized GuestDomain define(String domainXml) throws LibvirtFailure {
        DomainDefinition definition;
        try {
            definition = DomainXmlParser.parse(domainXml);
        } catch (IllegalArgumentException e) {
            throw new LibvirtFailure(LibvirtFailure.Reason.OTHER, "XML error: " + e.getMessage());
        }
        calls.add("define " + definition.name());
        FakeGuest guest = domains.get(definition.name());
        if (guest == null) {
            guest = new FakeGuest(definition.name(),
                    definition.uuid() == null ? UUID.randomUUID().toString() : definition.uuid());
            guest.ignoresPowerButton = guestsIgnorePowerButton;
            domains.put(definition.name(), guest);
        }
        guest.xml = domainXml;
        guest.definition = definition;
        return guest;
    }

    @Override
    public synchronized Optional<GuestDomain> lookupByUuid(String uuid) {
        return domains.values().stream().filter(g -> g.uuid.equals(uuid)).map(g -> (GuestDomain) g).findFirst();
    }

    @Override
    public synchronized Optional<GuestDomain> lookupByName(String name) {
        return Optional.ofNullable(domains.get(name));
    }

    @Override
    public synchronized List<GuestDomain> listAll() {
        return new ArrayList<>(domains.values());
    }

    @Override
    public String capabilitiesXml() {
        return CAPABILITIES;
    }

    @Override
    public HostNodeInfo nodeInfo() {
        return new HostNodeInfo("x86_64", 24L * 1024 * 1024, 2, 2600, 1, 2, 1);
    }

    @Override
    public String hostname() {
        return "fake-host";
    }

    @Override
    public long hypervisorVersion() {
        return 7_002_022;
    }

    @Override
    public long libvirtVersion() {
        return 9_000_000;
    }

    @Override
    public boolean isAlive() {
        return alive;
    }

    @Override
    public void onLifecycleChange(Consumer<GuestLifecycleChange> listener) {
        listeners.add(listener);
    }

    void emit(String name, GuestLifecycleChange.Type type, String detail) {
        listeners.forEach(l -> l.accept(new GuestLifecycleChange(name, null, type, detail)));
    }

    @Override
    public void close() {
        closed = true;
    }

    List<String> callsOn(String name) {
        return calls.stream().filter(c -> c.endsWith(" " + name)).map(c -> c.substring(0, c.indexOf(' '))).toList();
    }

    final class FakeGuest implements GuestDomain {

        final String name;

        final String uuid;

        String xml;

        DomainDefinition definition;

        GuestState state = GuestState.SHUTOFF;

        boolean managedSave;

        /** The managed save was taken while paused: QEMU restores such a guest paused. */
        boolean savedPaused;

        boolean ignoresPowerButton;

        FakeGuest(String name, String uuid) {
            this.name = name;
            this.uuid = uuid;
        }

        private void call(String what) throws LibvirtFailure {
            calls.add(what + " " + name);
            if (!domains.containsKey(name)) {
                throw new LibvirtFailure(LibvirtFailure.Reason.NO_DOMAIN, "Domain not found: " + name);
            }
        }

        private LibvirtFailure invalid(String why) {
            return new LibvirtFailure(LibvirtFailure.Reason.INVALID_STATE, "Requested operation is not valid: " + why);
        }

        @Override
        public String uuid() {
            return uuid;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String xml() {
            return xml;
        }

        @Override
        public synchronized void create() throws LibvirtFailure {
            call("create");
            if (failNextCreate != null) {
                LibvirtFailure failure = failNextCreate;
                failNextCreate = null;
                throw failure;
            }
            if (state.isActive()) {
                throw invalid("domain is already running");
            }
            state = managedSave && savedPaused ? GuestState.PAUSED : GuestState.RUNNING;
            managedSave = false;
            savedPaused = false;
        }

        @Override
        public synchronized void shutdown() throws LibvirtFailure {
            call("shutdown");
            if (!state.isActive()) {
                throw invalid("domain is not running");
            }
            if (!ignoresPowerButton) {
                state = GuestState.SHUTOFF;
            }
        }

        @Override
        public synchronized void destroy() throws LibvirtFailure {
            call("destroy");
            if (!state.isActive()) {
                throw invalid("domain is not running");
            }
            state = GuestState.SHUTOFF;
        }

        @Override
        public synchronized void reboot() throws LibvirtFailure {
            call("reboot");
            if (state != GuestState.RUNNING) {
                throw invalid("domain is not running");
            }
        }

        @Override
        public synchronized void pause() throws LibvirtFailure {
            call("pause");
            if (state != GuestState.RUNNING) {
                throw invalid("domain is not running");
            }
            state = GuestState.PAUSED;
        }

        @Override
        public synchronized void unpause() throws LibvirtFailure {
            call("unpause");
            if (state != GuestState.PAUSED) {
                throw invalid("domain is not paused");
            }
            state = GuestState.RUNNING;
        }

        @Override
        public synchronized void managedSave() throws LibvirtFailure {
            call("managedSave");
            if (!state.isActive()) {
                throw invalid("domain is not running");
            }
            savedPaused = state == GuestState.PAUSED;
            state = GuestState.SHUTOFF;
            managedSave = true;
        }

        @Override
        public boolean hasManagedSave() {
            return managedSave;
        }

        @Override
        public synchronized void discardManagedSave() throws LibvirtFailure {
            call("discardManagedSave");
            managedSave = false;
        }

        /** Devices plugged and unplugged, with whether the running domain changed too ("live") or only its config. */
        final List<String> deviceChanges = new java.util.ArrayList<>();

        @Override
        public synchronized void attachDevice(String deviceXml, boolean live) throws LibvirtFailure {
            call("attachDevice");
            deviceChanges.add("attach " + (live ? "live" : "config"));
            xml = xml.replace("</devices>", deviceXml + "</devices>");
        }

        @Override
        public synchronized void detachDevice(String deviceXml, boolean live) throws LibvirtFailure {
            call("detachDevice");
            deviceChanges.add("detach " + (live ? "live" : "config"));
            java.util.regex.Matcher mac = java.util.regex.Pattern.compile("address=\"([^\"]+)\"").matcher(deviceXml);
            if (mac.find()) {
                xml = xml.replaceAll("(?s)<interface[^>]*>(?:(?!</interface>).)*" + java.util.regex.Pattern.quote(
                        mac.group(1)) + "(?:(?!</interface>).)*</interface>", "");
            }
        }

        @Override
        public synchronized GuestState state() throws LibvirtFailure {
            if (!domains.containsKey(name)) {
                throw new LibvirtFailure(LibvirtFailure.Reason.NO_DOMAIN, "Domain not found: " + name);
            }
            return state;
        }

        /** Running: the definition's memory and vCPUs, each vCPU 2 s of CPU time, a balloon at full size. */
        @Override
        public synchronized GuestStats.Info info() throws LibvirtFailure {
            state();
            return new GuestStats.Info(state, definition.memoryKib(), definition.memoryKib(), definition.vcpus(),
                    2_000_000_000L * definition.vcpus());
        }

        @Override
        public synchronized List<GuestStats.Vcpu> vcpus() throws LibvirtFailure {
            refuseStats("vcpus");
            List<GuestStats.Vcpu> vcpus = new ArrayList<>();
            for (int i = 0; i < definition.vcpus(); i++) {
                vcpus.add(new GuestStats.Vcpu(i, 2_000_000_000L));
            }
            // libvirt-java sizes its answer by the maximum vCPUs: a zeroed extra entry
            vcpus.add(new GuestStats.Vcpu(0, 0));
            return vcpus;
        }

        @Override
        public synchronized GuestStats.Block blockStats(String device) throws LibvirtFailure {
            refuseStats(device);
            return new GuestStats.Block(100, 409_600, 10, 40_960, -1);
        }

        @Override
        public synchronized GuestStats.Interface interfaceStats(String device) throws LibvirtFailure {
            refuseStats(device);
            return new GuestStats.Interface(4_408, 82, 0, 0, 1_234, 12, 0, 0);
        }

        @Override
        public synchronized Map<String, Long> memoryStats() throws LibvirtFailure {
            refuseStats("memory");
            Map<String, Long> stats = new LinkedHashMap<>();
            stats.put("actual", definition.memoryKib());
            stats.put("rss", 200_164L);
            return stats;
        }

        private void refuseStats(String what) throws LibvirtFailure {
            state();
            if (statsRefused.contains(what)) {
                throw new LibvirtFailure(LibvirtFailure.Reason.OTHER, "this function is not supported: " + what);
            }
        }

        @Override
        public void undefine() throws LibvirtFailure {
            call("undefine");
            synchronized (FakeLibvirtHost.this) {
                domains.remove(name);
            }
        }
    }
}
