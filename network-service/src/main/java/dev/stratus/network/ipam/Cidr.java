package dev.stratus.network.ipam;

import java.math.BigInteger;
import java.util.Optional;

/** An IP network: its first address (host bits cleared) and prefix length. */
public record Cidr(IpAddress network, int prefixLength) {

    public Cidr {
        if (prefixLength < 0 || prefixLength > IpAddress.bits(network.version())) {
            throw new IllegalArgumentException("prefix length " + prefixLength);
        }
    }

    /**
     * Parses {@code address/prefix} as Neutron's subnet validator accepts it (an IPv4 address must be written
     * in the canonical form); host bits are cleared, so {@code 10.0.0.1/24} is {@code 10.0.0.0/24}.
     */
    public static Optional<Cidr> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        int slash = text.indexOf('/');
        if (slash < 0 || slash != text.lastIndexOf('/')) {
            return Optional.empty();
        }
        Optional<IpAddress> address = IpAddress.parse(text.substring(0, slash));
        String prefix = text.substring(slash + 1);
        if (address.isEmpty() || prefix.isEmpty() || prefix.length() > 3 || !prefix.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        int length = Integer.parseInt(prefix);
        if (length > IpAddress.bits(address.get().version())) {
            return Optional.empty();
        }
        return Optional.of(containing(address.get(), length));
    }

    public static Cidr of(String text) {
        return parse(text).orElseThrow(() -> new IllegalArgumentException("not a CIDR: " + text));
    }

    /** The network of {@code prefixLength} bits around {@code address}. */
    public static Cidr containing(IpAddress address, int prefixLength) {
        int hostBits = IpAddress.bits(address.version()) - prefixLength;
        BigInteger net = address.value().shiftRight(hostBits).shiftLeft(hostBits);
        return new Cidr(new IpAddress(address.version(), net), prefixLength);
    }

    public int version() {
        return network.version();
    }

    public BigInteger size() {
        return BigInteger.ONE.shiftLeft(IpAddress.bits(version()) - prefixLength);
    }

    public IpAddress first() {
        return network;
    }

    public IpAddress last() {
        return network.plus(size().subtract(BigInteger.ONE));
    }

    public boolean contains(IpAddress a) {
        return a.version() == version() && a.compareTo(first()) >= 0 && a.compareTo(last()) <= 0;
    }

    public boolean overlaps(Cidr other) {
        return other.version() == version() && (contains(other.first()) || other.contains(first()));
    }

    @Override
    public String toString() {
        return network + "/" + prefixLength;
    }
}
