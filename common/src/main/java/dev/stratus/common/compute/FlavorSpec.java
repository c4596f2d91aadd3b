package dev.stratus.common.compute;

import java.util.Map;

/** The flavor as it was when the server was requested: later flavor edits do not change a server. */
public record FlavorSpec(String id, String name, int vcpus, int memoryMb, int rootGb, int ephemeralGb,
        int swapMb, Map<String, String> extraSpecs) {

    public FlavorSpec {
        extraSpecs = extraSpecs == null ? Map.of() : Map.copyOf(extraSpecs);
    }

    /** Disk the host must hold for this flavor, in GiB (root + ephemeral + swap rounded up). */
    public int diskGb() {
        return rootGb + ephemeralGb + (swapMb + 1023) / 1024;
    }
}
