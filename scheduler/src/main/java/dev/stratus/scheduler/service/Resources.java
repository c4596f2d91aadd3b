package dev.stratus.scheduler.service;

import dev.stratus.common.compute.FlavorSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/** An amount of the three resources the scheduler places: VCPU, MEMORY_MB and DISK_GB. */
public record Resources(long vcpu, long memoryMb, long diskGb) {

    public static final Resources NONE = new Resources(0, 0, 0);

    public static Resources of(FlavorSpec flavor) {
        return new Resources(flavor.vcpus(), flavor.memoryMb(), flavor.diskGb());
    }

    /** From Placement resource-class amounts; classes other than the three are ignored. */
    public static Resources of(Map<String, Long> amounts) {
        return new Resources(amounts.getOrDefault(ResourceClasses.VCPU, 0L),
                amounts.getOrDefault(ResourceClasses.MEMORY_MB, 0L), amounts.getOrDefault(ResourceClasses.DISK_GB, 0L));
    }

    public Resources plus(Resources o) {
        return new Resources(vcpu + o.vcpu, memoryMb + o.memoryMb, diskGb + o.diskGb);
    }

    public Resources minus(Resources o) {
        return new Resources(vcpu - o.vcpu, memoryMb - o.memoryMb, diskGb - o.diskGb);
    }

    public Resources times(int n) {
        return new Resources(vcpu * n, memoryMb * n, diskGb * n);
    }

    public long get(String resourceClass) {
        return switch (resourceClass) {
            case ResourceClasses.VCPU -> vcpu;
            case ResourceClasses.MEMORY_MB -> memoryMb;
            case ResourceClasses.DISK_GB -> diskGb;
            default -> 0;
        };
    }

    /** The non-zero amounts by resource class, as an allocation writes them. */
    public Map<String, Long> asMap() {
        Map<String, Long> map = new LinkedHashMap<>();
        if (vcpu > 0) {
            map.put(ResourceClasses.VCPU, vcpu);
        }
        if (memoryMb > 0) {
            map.put(ResourceClasses.MEMORY_MB, memoryMb);
        }
        if (diskGb > 0) {
            map.put(ResourceClasses.DISK_GB, diskGb);
        }
        return map;
    }
}
