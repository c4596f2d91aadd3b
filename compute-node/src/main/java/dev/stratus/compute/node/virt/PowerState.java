package dev.stratus.compute.node.virt;

import java.util.Locale;

/** Nova's power states, with the numbers the API shows in {@code OS-EXT-STS:power_state}. */
public enum PowerState {
    NOSTATE(0), RUNNING(1), PAUSED(3), SHUTDOWN(4), CRASHED(6), SUSPENDED(7);

    private final int code;

    PowerState(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** Nova's name of the state ({@code power_state.STATE_MAP}): pending, running, paused, shutdown, ... */
    public String novaName() {
        return this == NOSTATE ? "pending" : name().toLowerCase(Locale.ROOT);
    }
}
