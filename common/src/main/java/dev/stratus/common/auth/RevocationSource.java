package dev.stratus.common.auth;

import java.util.List;

/** Where a starting service reads the revocations it missed while it was down. */
public interface RevocationSource {

    /** Blocking; called from a background thread, retried until it succeeds. */
    List<RevocationEvent> recent() throws Exception;
}
