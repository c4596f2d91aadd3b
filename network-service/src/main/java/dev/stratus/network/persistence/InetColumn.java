package dev.stratus.network.persistence;

/** A value for an {@code inet} column in an update map; null clears the column. */
public record InetColumn(String address) {
}
