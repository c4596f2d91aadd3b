package dev.stratus.common.web;

import jakarta.ws.rs.core.UriInfo;

/** The base URL clients reach a service at: configured public URL, else what the request shows. */
public final class PublicUrls {

    private PublicUrls() {
    }

    public static String base(ApiSettings settings, UriInfo uri) {
        String base = settings.publicUrl().orElseGet(() -> uri.getBaseUri().toString());
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
