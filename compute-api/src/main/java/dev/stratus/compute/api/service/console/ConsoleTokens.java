package dev.stratus.compute.api.service.console;

import dev.stratus.compute.api.config.ConsoleSettings;
import dev.stratus.compute.api.persistence.ConsoleAuthTokenRepository;
import dev.stratus.compute.api.persistence.ConsoleAuthTokenRow;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * Console auth tokens as Nova's ConsoleAuthToken: a random token (a UUID, as Nova makes them) handed out once in a
 * console URL, stored only as its SHA-256, valid for {@code token-ttl}; the proxy and the os-console-auth-tokens
 * API find the connection details by it.
 */
@ApplicationScoped
public class ConsoleTokens {

    private final ConsoleAuthTokenRepository repository;
    private final ConsoleSettings settings;

    public ConsoleTokens(ConsoleAuthTokenRepository repository, ConsoleSettings settings) {
        this.repository = repository;
        this.settings = settings;
    }

    /** A new token for the guest's console at {@code host:port}. */
    public String authorize(String instanceUuid, String consoleType, String host, int port, String accessUrlBase) {
        String token = UUID.randomUUID().toString();
        repository.insert(hash(token), new ConsoleAuthTokenRow(consoleType, host, port, null, instanceUuid,
                accessUrlBase, Instant.now().plus(settings.tokenTtl())));
        return token;
    }

    /** The connection details of a token that exists and has not expired. */
    public Optional<ConsoleAuthTokenRow> validate(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        return repository.findValid(hash(token), Instant.now());
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
