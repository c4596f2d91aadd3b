package dev.stratus.compute.api.view;

import dev.stratus.common.web.ApiSettings;
import dev.stratus.common.web.Link;
import dev.stratus.common.web.PublicUrls;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/** Nova's self and bookmark links: {@code <base>/v2.1/<collection>/<id>} and {@code <base>/<collection>/<id>}. */
public final class Links {

    private Links() {
    }

    public static String base(ApiSettings api, UriInfo uri) {
        return PublicUrls.base(api, uri);
    }

    /** The id a reference names: an id itself, or a link ending in it (imageRef, flavorRef, list filters). */
    public static String idOf(String ref) {
        return ref.substring(ref.lastIndexOf('/') + 1);
    }

    public static List<Link> of(String base, String collection, String id) {
        return List.of(Link.of("self", base + "/v2.1/" + collection + "/" + id),
                Link.of("bookmark", base + "/" + collection + "/" + id));
    }
}
