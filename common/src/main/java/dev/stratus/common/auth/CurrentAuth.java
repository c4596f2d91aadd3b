package dev.stratus.common.auth;

import dev.stratus.common.fault.ApiException;
import jakarta.enterprise.context.RequestScoped;

/** The authenticated caller of the current request, set by {@link AuthFilter}. */
@RequestScoped
public class CurrentAuth {

    private AuthContext context;

    /** The caller; a 401 if the request carried no valid token. */
    public AuthContext get() {
        if (context == null) {
            throw ApiException.unauthorized("The request you have made requires authentication.");
        }
        return context;
    }

    public boolean isPresent() {
        return context != null;
    }

    void set(AuthContext verified) {
        this.context = verified;
    }
}
