package dev.stratus.identity.service;

import dev.stratus.common.auth.IdentityBroadcasts;
import dev.stratus.common.auth.RevocationEvent;
import dev.stratus.common.messaging.Messaging;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Sends revocation events to every service. The event is already persisted, so a service that misses
 * the broadcast still reads it from {@code /v3/OS-REVOKE/events} when it starts.
 */
@ApplicationScoped
public class RevocationBroadcaster {

    private static final Logger LOG = Logger.getLogger(RevocationBroadcaster.class);

    private final Messaging messaging;

    public RevocationBroadcaster(Messaging messaging) {
        this.messaging = messaging;
    }

    public void broadcast(RevocationEvent event) {
        messaging.broadcast(IdentityBroadcasts.REVOCATIONS, IdentityBroadcasts.TOKEN_REVOKED, event)
                .whenComplete((ok, e) -> {
                    if (e != null) {
                        LOG.errorf("Revocation broadcast not confirmed (%s); services learn of it at restart",
                                e.getMessage());
                    }
                });
    }
}
