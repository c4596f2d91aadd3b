package dev.stratus.compute.node.virt;

/** A driver cannot set this guest's password: it has no agent in the guest, or no way at all. */
public class PasswordNotSettable extends VirtException {

    private final boolean agentMissing;

    /** @param agentMissing the guest has no agent to set it through (another guest might) */
    public PasswordNotSettable(String message, boolean agentMissing) {
        super(message);
        this.agentMissing = agentMissing;
    }

    public boolean agentMissing() {
        return agentMissing;
    }
}
