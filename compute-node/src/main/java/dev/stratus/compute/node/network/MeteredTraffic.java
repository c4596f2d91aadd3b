package dev.stratus.compute.node.network;

/** What a metering label counted on this host since the counts were last collected. */
public record MeteredTraffic(long packets, long bytes) {

    public static final MeteredTraffic NONE = new MeteredTraffic(0, 0);

    public MeteredTraffic plus(MeteredTraffic other) {
        return new MeteredTraffic(packets + other.packets, bytes + other.bytes);
    }
}
