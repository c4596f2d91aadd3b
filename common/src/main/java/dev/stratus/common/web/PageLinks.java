package dev.stratus.common.web;

import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.List;
import java.util.function.Function;

/** Builds the {@code next} link of a paged listing: the request's own URL with the marker moved on. */
public final class PageLinks {

    private PageLinks() {
    }

    public static String nextHref(UriInfo uri, String publicBase, String lastId) {
        URI next = uri.getRequestUriBuilder().replaceQueryParam("marker", lastId).build();
        if (publicBase == null) {
            return next.toString();
        }
        String base = publicBase.endsWith("/") ? publicBase.substring(0, publicBase.length() - 1) : publicBase;
        String pathAndQuery = next.getRawPath() + (next.getRawQuery() != null ? "?" + next.getRawQuery() : "");
        return base + pathAndQuery;
    }

    /** The {@code <resource>_links} list: one {@code next} link when more items follow, else empty. */
    public static <T> List<Link> of(Page<T> page, Function<T, String> idOf, UriInfo uri, String publicBase) {
        if (!page.hasMore() || page.items().isEmpty()) {
            return List.of();
        }
        return List.of(Link.of("next", nextHref(uri, publicBase, idOf.apply(page.last()))));
    }
}
