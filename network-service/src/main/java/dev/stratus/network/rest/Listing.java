package dev.stratus.network.rest;

import dev.stratus.common.web.ApiSettings;
import dev.stratus.common.web.PublicUrls;
import dev.stratus.network.persistence.listing.ListQuery;
import jakarta.ws.rs.core.UriInfo;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of a list call: the items, cut to the requested {@code fields}, and the {@code <collection>_links}
 * Neutron writes when a limit applies: {@code next} unless a forward page came back short, {@code previous}
 * unless a backward page did, each the request's URL with the marker moved.
 */
public final class Listing {

    private Listing() {
    }

    public static Map<String, Object> body(String collection, List<Map<String, Object>> items, ListParams.Parsed parsed,
            UriInfo uri, ApiSettings api) {
        Map<String, Object> body = new LinkedHashMap<>();
        List<Map<String, Object>> shown = new ArrayList<>(items.size());
        for (Map<String, Object> item : items) {
            shown.add(Fields.select(item, parsed.fields()));
        }
        body.put(collection, shown);
        List<Map<String, String>> links = links(items, parsed.query(), uri, api);
        if (!links.isEmpty()) {
            body.put(collection + "_links", links);
        }
        return body;
    }

    static List<Map<String, String>> links(List<Map<String, Object>> items, ListQuery query, UriInfo uri,
            ApiSettings api) {
        Integer limit = query.limit();
        List<Map<String, String>> links = new ArrayList<>();
        if (limit == null) {
            return links;
        }
        boolean reverse = query.pageReverse();
        if (!(items.size() < limit && !reverse)) {
            String marker = items.isEmpty() ? null : (String) items.get(items.size() - 1).get("id");
            links.add(Map.of("rel", "next", "href", href(uri, api, marker, false)));
        }
        if (!(items.size() < limit && reverse)) {
            String marker = items.isEmpty() ? null : (String) items.get(0).get("id");
            links.add(Map.of("rel", "previous", "href", href(uri, api, marker, true)));
        }
        return links;
    }

    /** The request's path and parameters, without marker and page_reverse, then the new marker (and direction). */
    private static String href(UriInfo uri, ApiSettings api, String marker, boolean previous) {
        List<String> pairs = new ArrayList<>();
        String query = uri.getRequestUri().getRawQuery();
        for (String pair : query == null ? new String[0] : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (!key.equals("marker") && !key.equals("page_reverse")) {
                pairs.add(encode(key) + "=" + encode(value));
            }
        }
        if (marker != null) {
            pairs.add("marker=" + encode(marker));
        }
        if (previous) {
            pairs.add("page_reverse=True");
        }
        return PublicUrls.base(api, uri) + uri.getAbsolutePath().getRawPath() + "?" + String.join("&", pairs);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** As Python's urlencode (quote_plus) writes a parameter. */
    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
