package dev.stratus.compute.node.network.plan;

/**
 * One rule of a metering label, as the router sees it: traffic crossing the external gateway in a direction
 * (ingress: arriving from outside; egress: leaving), optionally from {@code source} and to {@code destination}
 * (networks, null for any). {@code excluded} traffic is not counted by the label, whatever its other rules say.
 */
public record MeteringRule(Direction direction, boolean excluded, IpPrefix source, IpPrefix destination) {

    public enum Direction { INGRESS, EGRESS }

    public MeteringRule {
        if (direction == null) {
            throw new IllegalArgumentException("a metering rule needs a direction");
        }
        if (source == null && destination == null) {
            throw new IllegalArgumentException("a metering rule needs a source or a destination prefix");
        }
        source = source == null ? null : source.network();
        destination = destination == null ? null : destination.network();
    }

    /**
     * A rule as network-service shows it. The deprecated {@code remoteIpPrefix} is the far end, as Neutron's
     * iptables driver reads it: the source of ingress traffic, the destination of egress traffic.
     */
    public static MeteringRule of(String direction, boolean excluded, String remoteIpPrefix, String sourceIpPrefix,
            String destinationIpPrefix) {
        Direction d = switch (direction == null ? "" : direction) {
            case "ingress" -> Direction.INGRESS;
            case "egress" -> Direction.EGRESS;
            default -> throw new IllegalArgumentException("not a metering direction: " + direction);
        };
        IpPrefix remote = prefix(remoteIpPrefix);
        if (remote != null) {
            return d == Direction.INGRESS ? new MeteringRule(d, excluded, remote, null)
                    : new MeteringRule(d, excluded, null, remote);
        }
        return new MeteringRule(d, excluded, prefix(sourceIpPrefix), prefix(destinationIpPrefix));
    }

    /** Whether some packet can match: a source and a destination of different IP versions never do. */
    public boolean canMatch() {
        return source == null || destination == null || source.version() == destination.version();
    }

    private static IpPrefix prefix(String text) {
        return text == null || text.isBlank() ? null : IpPrefix.parse(text);
    }
}
