package dev.stratus.compute.node.fake;

import dev.stratus.compute.node.virt.GuestSpec;
import dev.stratus.compute.node.virt.PowerState;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** One guest of {@link FakeVirtDriver}: what the fake remembers of it. */
final class FakeGuest {

    final String name;
    final Instant bootedAt;
    final int configDriveFiles;
    volatile FakeGuestHardware hardware;
    volatile PowerState state;
    /** When its (simulated) QEMU process started: its counters count from here. */
    volatile Instant processStartedAt;
    volatile boolean rescued;
    volatile String adminPassword;

    FakeGuest(GuestSpec spec, Instant bootedAt) {
        this.name = spec.instance().name();
        this.bootedAt = bootedAt;
        this.configDriveFiles = spec.configDrive().size();
        this.hardware = FakeGuestHardware.of(spec);
        this.state = PowerState.RUNNING;
        this.processStartedAt = bootedAt;
    }

    /** What the guest wrote to its console since it booted on {@code host}, a line an element. */
    List<String> consoleLog(String host) {
        String boot = DateTimeFormatter.ISO_INSTANT.format(bootedAt);
        return List.of(
                "[    0.000000] Linux version 6.1.0-fake (stratus@fake) booted on " + host + " at " + boot,
                "[    0.000000] Command line: root=/dev/vda console=ttyS0",
                "[    0.412345] Run /init as init process",
                "config drive: " + (configDriveFiles == 0 ? "none" : configDriveFiles + " files"),
                "Starting " + name + " ... done",
                name + " login:");
    }
}
