package dev.stratus.common.compute;

import dev.stratus.common.messaging.MessageType;
import java.util.List;

/**
 * compute-api to the scheduler: these instances left their hosts but live on (shelved and offloaded). Their
 * allocations are returned; unlike {@link ReleaseAllocations}, a later claim for them (an unshelve) is taken.
 */
public record ReturnAllocations(List<String> instanceIds) {

    public static final MessageType<ReturnAllocations> TYPE =
            MessageType.of("return_allocations", "1.0", ReturnAllocations.class);

    public ReturnAllocations {
        instanceIds = List.copyOf(instanceIds);
    }
}
