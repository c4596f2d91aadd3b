package dev.stratus.compute.node.libvirt.domain;

/**
 * {@code <cpu>}: the model the guest sees and its topology.
 *
 * @param mode {@code host-model}, {@code host-passthrough} or {@code custom}
 * @param model the named model when {@code custom}, else null
 * @param topology null leaves one socket per vCPU
 */
public record Cpu(String mode, String model, Topology topology) {

    public Cpu {
        DomainDefinition.require(mode, "cpu mode");
        if ("custom".equals(mode) && model == null) {
            throw new IllegalArgumentException("a custom cpu mode needs a model");
        }
    }

    public record Topology(int sockets, int cores, int threads) {
    }
}
