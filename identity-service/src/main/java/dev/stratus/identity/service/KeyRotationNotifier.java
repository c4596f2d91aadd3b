package dev.stratus.identity.service;

import jakarta.enterprise.context.ApplicationScoped;

/** Tells every service that the published verification keys changed. */
@ApplicationScoped
public class KeyRotationNotifier {

    public void keysChanged(String primaryKid) {
    }
}
