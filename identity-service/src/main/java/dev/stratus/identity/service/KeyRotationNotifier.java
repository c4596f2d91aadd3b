package dev.stratus.identity.service;

import dev.stratus.common.auth.IdentityBroadcasts;
import dev.stratus.common.messaging.Messaging;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Tells every service that the published verification keys changed, so they re-read them at once
 * instead of at their next periodic refresh.
 */
@ApplicationScoped
public class KeyRotationNotifier {

    private static final Logger LOG = Logger.getLogger(KeyRotationNotifier.class);

    private final Messaging messaging;

    public KeyRotationNotifier(Messaging messaging) {
        this.messaging = messaging;
    }

    public void keysChanged(String primaryKid) {
        messaging.broadcast(IdentityBroadcasts.KEYS, IdentityBroadcasts.KEYS_CHANGED,
                        new IdentityBroadcasts.KeysChanged(primaryKid))
                .whenComplete((ok, e) -> {
                    if (e != null) {
                        LOG.warnf("Key change broadcast failed (%s); services pick the keys up at their next"
                                + " refresh", e.getMessage());
                    }
                });
    }
}
