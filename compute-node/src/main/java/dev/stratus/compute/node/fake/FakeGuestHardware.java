package dev.stratus.compute.node.fake;

import dev.stratus.compute.node.virt.GuestSpec;
import dev.stratus.compute.node.virt.GuestSpec.GuestNic;
import java.util.List;

/** What a fake guest was given: its flavor's vCPUs and memory, its NICs and whether it has a config drive. */
record FakeGuestHardware(int vcpus, int memoryMb, List<GuestNic> nics, boolean configDrive) {

    FakeGuestHardware {
        nics = List.copyOf(nics);
    }

    /** The same guest with one more NIC (unless it has one with this MAC). */
    FakeGuestHardware withNic(GuestNic nic) {
        if (nics.stream().anyMatch(n -> n.macAddress().equalsIgnoreCase(nic.macAddress()))) {
            return this;
        }
        List<GuestNic> more = new java.util.ArrayList<>(nics);
        more.add(nic);
        return new FakeGuestHardware(vcpus, memoryMb, more, configDrive);
    }

    /** The same guest without the NIC of this MAC. */
    FakeGuestHardware withoutNic(String macAddress) {
        return new FakeGuestHardware(vcpus, memoryMb,
                nics.stream().filter(n -> !n.macAddress().equalsIgnoreCase(macAddress)).toList(), configDrive);
    }

    static FakeGuestHardware of(GuestSpec guest) {
        return new FakeGuestHardware(guest.instance().flavor().vcpus(), guest.instance().flavor().memoryMb(),
                guest.nics(), !guest.configDrive().isEmpty());
    }
}
