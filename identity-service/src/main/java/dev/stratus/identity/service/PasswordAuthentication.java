package dev.stratus.identity.service;

import dev.stratus.common.fault.ApiException;
import dev.stratus.identity.config.SecurityComplianceSettings;
import dev.stratus.identity.persistence.UserEntity;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * Checks a user's password as Keystone's sql identity driver does: a locked account is refused whatever the password
 * (401 naming the user), a wrong password counts a failure (committed on its own, since the request then fails), a
 * disabled user or an expired password is refused, and a success clears the failures. An account is locked once its
 * failures reach {@code lockout-failure-attempts}, for {@code lockout-duration} after the last one. Users with the
 * {@code ignore_lockout_failure_attempts} option are exempt from both the counting and the lock.
 */
@ApplicationScoped
public class PasswordAuthentication {

    private final SecurityComplianceSettings settings;
    private final PasswordHasher hasher;

    public PasswordAuthentication(SecurityComplianceSettings settings, PasswordHasher hasher) {
        this.settings = settings;
        this.hasher = hasher;
    }

    /**
     * @param allowExpired whether an expired password still proves who the user is (to change it, as Keystone
     *                     allows)
     * @return the user, once the password is right; call it outside a transaction, as the failure count must be
     *         kept when the request fails
     */
    public Uni<UserEntity> authenticate(UserEntity user, String password, boolean allowExpired) {
        Instant now = Instant.now();
        boolean lockOver = lockReached(user) && !lockedAt(user, now);
        if (lockReached(user) && !lockOver) {
            return Uni.createFrom().failure(ApiException.unauthorized(
                    "The account is locked for user: " + user.id + "."));
        }
        return hasher.matches(password, user.passwordHash).chain(ok -> {
            if (!ok) {
                Uni<Void> counted = exemptFromLockout(user) ? Uni.createFrom().voidItem()
                        : recordFailure(user, now, lockOver);
                return counted.chain(() -> Uni.createFrom().failure(
                        ApiException.unauthorized(TokenService.AUTH_FAILED)));
            }
            if (!user.enabled) {
                return Uni.createFrom().failure(ApiException.unauthorized(TokenService.AUTH_FAILED));
            }
            if (!allowExpired && PasswordRules.expired(user, now)) {
                return Uni.createFrom().failure(ApiException.unauthorized(
                        "The password is expired and needs to be changed for user: " + user.id + "."));
            }
            return user.failedAuthCount > 0 ? clearFailures(user).replaceWith(user) : Uni.createFrom().item(user);
        });
    }

    /** Enabling a user clears its failures, which is how an administrator unlocks an account (as in Keystone). */
    public static void unlock(UserEntity user) {
        user.failedAuthCount = 0;
        user.failedAuthAt = null;
    }

    /** A user with {@code ignore_lockout_failure_attempts} is never locked, nor are its failures counted. */
    private static boolean exemptFromLockout(UserEntity user) {
        return UserOptions.of(user).isSet(UserOptions.IGNORE_LOCKOUT_FAILURE_ATTEMPTS);
    }

    private boolean lockReached(UserEntity user) {
        return !exemptFromLockout(user)
                && settings.lockoutFailureAttempts().isPresent() && settings.lockoutFailureAttempts().getAsInt() > 0
                && user.failedAuthCount >= settings.lockoutFailureAttempts().getAsInt();
    }

    private boolean lockedAt(UserEntity user, Instant now) {
        return settings.lockoutDuration().isZero() || user.failedAuthAt == null
                || user.failedAuthAt.plus(settings.lockoutDuration()).isAfter(now);
    }

    /** One more failure, or the first of a new count when an earlier lock has run out. */
    private static Uni<Void> recordFailure(UserEntity user, Instant now, boolean restart) {
        String counted = restart ? "failedAuthCount = 1" : "failedAuthCount = failedAuthCount + 1";
        return Panache.withTransaction(() -> UserEntity.update(counted + ", failedAuthAt = ?1 where id = ?2",
                now, user.id)).replaceWithVoid();
    }

    private static Uni<Void> clearFailures(UserEntity user) {
        return Panache.withTransaction(() -> UserEntity.update(
                "failedAuthCount = 0, failedAuthAt = null where id = ?1", user.id))
                .invoke(() -> unlock(user)).replaceWithVoid();
    }
}
