package dev.stratus.identity.service;

import dev.stratus.common.fault.ApiException;
import dev.stratus.identity.config.SecurityComplianceSettings;
import dev.stratus.identity.persistence.PasswordHistoryEntity;
import dev.stratus.identity.persistence.UserEntity;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Keystone's password rules of {@code [security_compliance]}: strength (regex), history and minimum age of
 * self-service changes, expiry. Every new password goes through {@link #set}, which keeps the history and the expiry
 * as Keystone's identity backend does. The messages and 400s are Keystone's.
 */
@ApplicationScoped
public class PasswordRules {

    private final SecurityComplianceSettings settings;
    private final PasswordHasher hasher;
    private final Pattern regex;

    public PasswordRules(SecurityComplianceSettings settings, PasswordHasher hasher) {
        this.settings = settings;
        this.hasher = hasher;
        try {
            // A broken expression is an operator's mistake: refuse to start rather than refuse every password.
            this.regex = settings.passwordRegex().map(Pattern::compile).orElse(null);
        } catch (PatternSyntaxException e) {
            throw new IllegalStateException("stratus.identity.security-compliance.password-regex is not a valid"
                    + " regular expression: " + e.getMessage(), e);
        }
    }

    /** The strength rule, for every new password (create, admin reset, self-service change). */
    public void requireAcceptable(String password) {
        if (regex != null && !regex.matcher(password).lookingAt()) {
            throw ApiException.badRequest("The password does not match the requirements: "
                    + settings.passwordRegexDescription().orElse("None") + ".");
        }
    }

    /**
     * The rules only a user changing its own password is held to: {@code lock_password} forbids the change, then the
     * minimum age and the history.
     */
    public Uni<Void> requireChangeableBySelf(UserEntity user, String newPassword) {
        if (UserOptions.of(user).isSet(UserOptions.LOCK_PASSWORD)) {
            throw ApiException.badRequest("You cannot change your password at this time due to password policy"
                    + " disallowing password changes. Please contact your administrator to reset your password.");
        }
        int minAgeDays = settings.minimumPasswordAge();
        if (minAgeDays > 0 && user.passwordSelfService && user.passwordChangedAt != null) {
            Instant allowedFrom = user.passwordChangedAt.plus(Duration.ofDays(minAgeDays));
            Instant now = Instant.now();
            if (now.isBefore(allowedFrom)) {
                long daysLeft = Duration.between(now, allowedFrom).toDays();
                throw ApiException.badRequest("You cannot change your password at this time due to the minimum"
                        + " password age. Once you change your password, it must be used for " + minAgeDays
                        + " day(s) before it can be changed. Please try again in " + daysLeft + " day(s) or contact"
                        + " your administrator to reset your password.");
            }
        }
        int unique = settings.uniqueLastPasswordCount();
        if (unique <= 0) {
            return Uni.createFrom().voidItem();
        }
        return latestHashes(user, unique).chain(hashes -> Multi.createFrom().iterable(hashes)
                .onItem().transformToUniAndConcatenate(hash -> hasher.matches(newPassword, hash))
                .collect().asList()).invoke(matches -> {
                    if (matches.contains(Boolean.TRUE)) {
                        throw ApiException.badRequest("The new password cannot be identical to a previous password."
                                + " The total number which includes the new password must be unique is " + unique
                                + ".");
                    }
                }).replaceWithVoid();
    }

    /**
     * Makes {@code password} the user's password: the old one joins the history (which keeps as many as the
     * history rule looks at), the new one expires after the configured days, or at once when an administrator set it
     * and users must change such passwords on first use.
     */
    public Uni<Void> set(UserEntity user, String password, boolean bySelf) {
        Instant now = Instant.now();
        String previous = user.passwordHash;
        Instant previousSetAt = user.passwordChangedAt;
        return hasher.hash(password).chain(hash -> {
            user.passwordHash = hash;
            user.passwordChangedAt = now;
            user.passwordSelfService = bySelf;
            user.passwordExpiresAt = expiry(UserOptions.of(user), now, bySelf);
            return previous == null ? Uni.createFrom().voidItem() : archive(user.id, previous, previousSetAt, now);
        });
    }

    /**
     * Whether the current password has expired and may no longer authenticate; never for a user with
     * {@code ignore_password_expiry}, whatever its {@code password_expires_at} says (as Keystone).
     */
    public static boolean expired(UserEntity user, Instant now) {
        return user.passwordExpiresAt != null && !now.isBefore(user.passwordExpiresAt)
                && !UserOptions.of(user).isSet(UserOptions.IGNORE_PASSWORD_EXPIRY);
    }

    /**
     * As Keystone's sql backend: an administrator's password is expired at once under change upon first use unless
     * the user ignores that rule (even when it ignores expiry, which then keeps it usable); else it expires after the
     * configured days unless the user ignores expiry.
     */
    private Instant expiry(UserOptions options, Instant now, boolean bySelf) {
        if (!bySelf && settings.changePasswordUponFirstUse()
                && !options.isSet(UserOptions.IGNORE_CHANGE_PASSWORD_UPON_FIRST_USE)) {
            return now;
        }
        if (options.isSet(UserOptions.IGNORE_PASSWORD_EXPIRY)) {
            return null;
        }
        return settings.passwordExpiresDays().isPresent()
                ? now.plus(Duration.ofDays(settings.passwordExpiresDays().getAsInt())).truncatedTo(ChronoUnit.SECONDS)
                : null;
    }

    private Uni<Void> archive(String userId, String hash, Instant setAt, Instant now) {
        int keep = settings.uniqueLastPasswordCount();
        if (keep <= 0) {
            return PasswordHistoryEntity.delete("userId", userId).replaceWithVoid();
        }
        PasswordHistoryEntity old = new PasswordHistoryEntity();
        old.userId = userId;
        old.passwordHash = hash;
        old.createdAt = setAt != null ? setAt : now;
        return old.persist().chain(() -> PasswordHistoryEntity.<PasswordHistoryEntity>list(
                "userId = ?1 order by id desc", userId))
                .chain(history -> history.size() <= keep ? Uni.createFrom().voidItem()
                        : PasswordHistoryEntity.delete("id in ?1", history.stream().skip(keep).map(h -> h.id)
                                .toList()).replaceWithVoid());
    }

    /** The current password's hash and the newest previous ones: {@code count} in all. */
    private static Uni<List<String>> latestHashes(UserEntity user, int count) {
        if (count == 1) {
            return Uni.createFrom().item(user.passwordHash == null ? List.of() : List.of(user.passwordHash));
        }
        return PasswordHistoryEntity.<PasswordHistoryEntity>find("userId = ?1 order by id desc", user.id)
                .page(0, count - 1).list().map(history -> {
                    List<String> hashes = new ArrayList<>();
                    if (user.passwordHash != null) {
                        hashes.add(user.passwordHash);
                    }
                    history.forEach(h -> hashes.add(h.passwordHash));
                    return hashes;
                });
    }
}
