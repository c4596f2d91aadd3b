package dev.stratus.identity.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Keystone's {@code [security_compliance]}: account lockout, password history, minimum age, expiry and strength.
 * Everything is off by default, as in Keystone.
 */
@ConfigMapping(prefix = "stratus.identity.security-compliance")
public interface SecurityComplianceSettings {

    /** Failed password authentications in a row that lock a user's account; unset: no lockout. */
    OptionalInt lockoutFailureAttempts();

    /**
     * How long a locked account stays locked (a plain number is seconds, as Keystone's option); zero: until an
     * administrator enables the user again.
     */
    @WithDefault("PT30M")
    Duration lockoutDuration();

    /** How many of the latest passwords, the current one included, a self-service change may not reuse; 0: any. */
    @WithDefault("0")
    int uniqueLastPasswordCount();

    /** Days a password set by its user must be kept before the user may change it again; 0: no minimum. */
    @WithDefault("0")
    int minimumPasswordAge();

    /** Days after which a password expires and no longer authenticates; unset: passwords do not expire. */
    OptionalInt passwordExpiresDays();

    /** Regular expression a new password must match (at its start, as Python's {@code re.match}); unset: any. */
    Optional<String> passwordRegex();

    /** What the regular expression requires, in words, for the 400 that refuses a password. */
    Optional<String> passwordRegexDescription();

    /** Passwords set by an administrator (create, reset) are expired at once, so the user must change them. */
    @WithDefault("false")
    boolean changePasswordUponFirstUse();
}
