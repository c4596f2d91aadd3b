package dev.stratus.compute.node.fake;

import dev.stratus.compute.node.virt.GuestSpec;
import dev.stratus.compute.node.virt.GuestSpec.GuestNic;
import java.util.List;

/** What a fake guest was given: its flavor's vCPUs and memory, its NICs and whether it has a config drive. */
record FakeGuestHardware(int vcpus, int memoryMb, List<GuestNic> nics, boolean configDrive) {

    FakeGuestHardware {
        nics = List.copyOf(nics);
    }

    static FakeGuestHardware of(GuestSpec guest) {
        return new FakeGuestHardware(guest.instance().flavor().vcpus(), guest.instance().flavor().memoryMb(),
                guest.nics(), !guest.configDrive().isEmpty());
    }
}
