package dev.stratus.common.compute;

import dev.stratus.common.messaging.MessageType;
import java.util.List;

/**
 * compute-api to the scheduler: these instances are gone (deleted, or never built). Their allocations are
 * returned exactly once, and a claim that arrives later for one of them is refused.
 */
public record ReleaseAllocations(List<String> instanceIds) {

    public static final MessageType<ReleaseAllocations> TYPE =
            MessageType.of("release_allocations", "1.0", ReleaseAllocations.class);

    public ReleaseAllocations {
        instanceIds = List.copyOf(instanceIds);
    }
}
