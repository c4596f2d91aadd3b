package dev.stratus.common.web;

import jakarta.enterprise.context.RequestScoped;

/** The microversion negotiated for the current request; the minimum when the client asked for none. */
@RequestScoped
public class RequestedMicroversion {

    private ApiVersion version;

    public ApiVersion get() {
        if (version == null) {
            throw new IllegalStateException("no microversion was negotiated for this request");
        }
        return version;
    }

    public boolean atLeast(String other) {
        return get().atLeast(other);
    }

    void set(ApiVersion negotiated) {
        this.version = negotiated;
    }
}
