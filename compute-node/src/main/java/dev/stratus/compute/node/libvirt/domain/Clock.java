package dev.stratus.compute.node.libvirt.domain;

import java.util.List;

/** {@code <clock>}: the offset of the guest's RTC and how its timers catch up after the host was busy. */
public record Clock(String offset, List<Timer> timers) {

    public Clock {
        DomainDefinition.require(offset, "clock offset");
        timers = timers == null ? List.of() : List.copyOf(timers);
    }

    /** @param tickPolicy null to keep the default; @param present null to keep the default */
    public record Timer(String name, String tickPolicy, Boolean present) {
        public Timer {
            DomainDefinition.require(name, "timer name");
        }
    }
}
