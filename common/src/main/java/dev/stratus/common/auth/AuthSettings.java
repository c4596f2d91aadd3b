package dev.stratus.common.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Where tokens come from and how services check them. */
@ConfigMapping(prefix = "stratus.auth")
public interface AuthSettings {

    /** Base URL of the identity service (its JWKS and revocation events are read from there). */
    @WithDefault("http://127.0.0.1:5000")
    String identityUrl();

    /** Expected {@code iss} of every token. */
    @WithDefault("stratus-identity")
    String issuer();

    /** How often verification keys are re-read even without a rotation notice. */
    @WithDefault("PT5M")
    Duration keyRefreshInterval();

    /** A token signed by an unknown key triggers a key re-read at most this often. */
    @WithDefault("PT5S")
    Duration unknownKeyRefreshMinInterval();

    /**
     * This service's type in the catalog (compute, image, network, identity, placement): what an application
     * credential's access rules name. A service without one refuses every token that has access rules, as
     * keystonemiddleware does without its {@code service_type}.
     */
    Optional<String> serviceType();

    /** Credentials of this service's own user, for service-to-service calls and revocation events. */
    Optional<ServiceCredentials> service();

    interface ServiceCredentials {
        String username();

        String password();

        /** Project of the service user; {@code service} when absent. */
        Optional<String> project();

        /** Domain of the service user and project; {@code default} when absent. */
        Optional<String> domain();
    }
}
