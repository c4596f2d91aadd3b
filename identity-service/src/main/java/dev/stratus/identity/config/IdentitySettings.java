package dev.stratus.identity.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "stratus.identity")
public interface IdentitySettings {

    /** Lifetime of an issued token. */
    @WithDefault("PT1H")
    Duration tokenExpiration();

    /** bcrypt cost factor (log2 of the rounds) for new password hashes. */
    @WithDefault("10")
    int bcryptCost();

    /** How long a primary signing key signs before the staged key takes over. */
    @WithDefault("P1D")
    Duration keyRotationInterval();

    /** Region of the catalog endpoints the bootstrap creates. */
    @WithDefault("RegionOne")
    String region();

    /** JSON file describing projects, users, assignments and catalog to create at start-up. */
    Optional<String> bootstrapFile();

    /**
     * File of the key that encrypts credential blobs ({@code /v3/credentials}, EC2 secrets) at rest, kept apart
     * from the database; made (readable by its owner only) when missing. Without it the credentials API answers
     * 503.
     */
    Optional<String> credentialKeyFile();
}
