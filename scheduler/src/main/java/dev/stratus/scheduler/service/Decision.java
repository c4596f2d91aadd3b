package dev.stratus.scheduler.service;

import java.util.List;

/** The outcome of selecting hosts for every instance of a request. */
public sealed interface Decision {

    /** Every instance has a host; new placements hold an in-memory reservation until claimed or cancelled. */
    record Placed(List<Placement> placements) implements Decision {
    }

    /** Some instance found no host; nothing is reserved. {@code details} says which filter and resource. */
    record NoValidHost(String details) implements Decision {
    }
}
