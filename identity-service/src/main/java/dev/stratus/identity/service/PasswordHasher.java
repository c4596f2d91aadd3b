package dev.stratus.identity.service;

import dev.stratus.common.fault.ApiException;
import dev.stratus.identity.config.IdentitySettings;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * bcrypt password hashing. Hashing is deliberately slow, so it runs on a worker thread and never on
 * the event loop.
 */
@ApplicationScoped
public class PasswordHasher {

    /** Longer passwords are refused rather than silently truncated by bcrypt's 72-byte limit. */
    static final int MAX_BYTES = 72;

    private final Vertx vertx;
    private final int cost;

    public PasswordHasher(Vertx vertx, IdentitySettings settings) {
        this.vertx = vertx;
        this.cost = settings.bcryptCost();
    }

    public Uni<String> hash(String password) {
        validate(password);
        return vertx.executeBlocking(Uni.createFrom().item(() -> BcryptUtil.bcryptHash(password, cost)));
    }

    /** False for a null hash (users without a password cannot authenticate with one). */
    public Uni<Boolean> matches(String password, String hash) {
        if (password == null || hash == null || password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                > MAX_BYTES) {
            return Uni.createFrom().item(false);
        }
        return vertx.executeBlocking(Uni.createFrom().item(() -> BcryptUtil.matches(password, hash)));
    }

    static void validate(String password) {
        if (password == null || password.isEmpty()) {
            throw ApiException.badRequest("Invalid input for field 'password': the password must not be empty.");
        }
        if (password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw ApiException.badRequest("Invalid input for field 'password': the password is longer than "
                    + MAX_BYTES + " bytes.");
        }
    }
}
