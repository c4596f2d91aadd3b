package dev.stratus.compute.api.persistence;

import java.time.Instant;

/** A console auth token's connection details (Nova's ConsoleAuthToken without the token itself). */
public record ConsoleAuthTokenRow(String consoleType, String host, int port, String internalAccessPath,
        String instanceUuid, String accessUrlBase, Instant expires) {
}
