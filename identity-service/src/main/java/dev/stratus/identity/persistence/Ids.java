package dev.stratus.identity.persistence;

import java.util.UUID;

/** Keystone-style identifiers: a random UUID as 32 hex digits. */
public final class Ids {

    private Ids() {
    }

    public static String newId() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
