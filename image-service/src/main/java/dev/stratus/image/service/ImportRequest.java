package dev.stratus.image.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.fault.ApiException;
import dev.stratus.image.store.ImageStores;
import dev.stratus.image.store.NamedStore;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code POST /v2/images/{id}/import} body, checked as Glance checks it: the method, and the target stores from
 * {@code stores}, {@code all_stores} or the {@code X-Image-Meta-Store} header (the default store when none). The
 * method's own fields are kept as given ({@code uri} of {@code web-download}, the remote image of
 * {@code glance-download}); {@link ImageImports} checks them against the image, as Glance does, after the status.
 *
 * @param stores target store ids, in request (or configuration) order, without duplicates
 * @param uri    {@code web-download}'s {@code uri}; null when missing or not a string
 * @param remote {@code glance-download}'s remote image; null for the other methods
 */
public record ImportRequest(String method, List<String> stores, boolean allStores, boolean allStoresMustSucceed,
        String uri, RemoteImage remote) {

    public static final String GLANCE_DIRECT = "glance-direct";
    public static final String WEB_DOWNLOAD = "web-download";
    public static final String COPY_IMAGE = "copy-image";
    public static final String GLANCE_DOWNLOAD = "glance-download";
    /** Every method there is, in Glance's order. */
    public static final List<String> ALL = List.of(GLANCE_DIRECT, WEB_DOWNLOAD, COPY_IMAGE, GLANCE_DOWNLOAD);

    /**
     * {@code glance-download}'s image of another (or this) Glance, as given: any field may be null but the
     * interface, {@code public} when absent (Glance's default).
     */
    public record RemoteImage(String imageId, String region, String serviceInterface) {

        /**
         * Whether {@code id} is one Python's {@code uuid.UUID()} takes (Glance's check): 32 hexadecimal digits, with
         * or without hyphens, braces or a {@code urn:uuid:} prefix.
         */
        public static boolean looksLikeUuid(String id) {
            return id != null && hex(id).matches("[0-9a-fA-F]{32}");
        }

        /** The UUID in its usual form (lower case, hyphenated); {@code id} must look like one. */
        public static String canonical(String id) {
            String hex = hex(id).toLowerCase(java.util.Locale.ROOT);
            return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                    + hex.substring(16, 20) + "-" + hex.substring(20);
        }

        private static String hex(String id) {
            String hex = id.replace("urn:", "").replace("uuid:", "");
            int from = 0;
            int to = hex.length();
            while (from < to && (hex.charAt(from) == '{' || hex.charAt(from) == '}')) {
                from++;
            }
            while (to > from && (hex.charAt(to - 1) == '{' || hex.charAt(to - 1) == '}')) {
                to--;
            }
            return hex.substring(from, to).replace("-", "");
        }
    }

    /** Whether the data goes through the staging area and the image goes active: all but {@code copy-image}. */
    public static boolean usesStaging(String method) {
        return !COPY_IMAGE.equals(method);
    }

    public boolean usesStaging() {
        return usesStaging(method);
    }

    /** Whether the import first brings the data into staging from elsewhere (web-download, glance-download). */
    public boolean fetches() {
        return WEB_DOWNLOAD.equals(method) || GLANCE_DOWNLOAD.equals(method);
    }

    /** @param methods the methods offered ({@link ImportMethods}); another one is 400 */
    public static ImportRequest parse(JsonNode body, String storeHeader, ImageStores stores, List<String> methods) {
        if (body == null || !body.isObject() || !body.has("method")) {
            throw ApiException.badRequest("Import request requires a 'method' field.");
        }
        JsonNode name = body.get("method").get("name");
        if (name == null) {
            throw ApiException.badRequest("Import request requires a 'name' field.");
        }
        String method = name.asText();
        if (!methods.contains(method)) {
            throw ApiException.badRequest("Unknown import method name '" + method + "'.");
        }
        boolean mustSucceed = bool(body, "all_stores_must_succeed", true);
        boolean all = bool(body, "all_stores", false);
        boolean header = storeHeader != null && !storeHeader.isBlank();
        List<String> targets = new ArrayList<>();
        if (all) {
            if (body.has("stores") || header) {
                throw ApiException.badRequest("All_stores parameter can't be used with x-image-meta-store header or"
                        + " stores parameter");
            }
            stores.all().forEach(s -> targets.add(s.id()));
        } else if (body.has("stores")) {
            if (header) {
                throw ApiException.badRequest("Stores parameter and x-image-meta-store header can't be both"
                        + " specified");
            }
            JsonNode list = body.get("stores");
            if (!list.isArray()) {
                throw ApiException.badRequest("'stores' must be a list of store identifiers");
            }
            for (JsonNode store : list) {
                if (!store.isTextual()) {
                    throw ApiException.badRequest("'stores' must be a list of store identifiers");
                }
                if (!targets.contains(store.asText())) {
                    targets.add(store.asText());
                }
            }
        } else {
            targets.add(header ? storeHeader.strip() : stores.defaultStore().id());
        }
        for (String id : targets) {
            // Glance answers an unknown store of an import with a 409 (glance_store's UnknownScheme as Conflict).
            stores.find(id).map(NamedStore::id).orElseThrow(() -> ApiException.conflict(ImageData.unknownStore(id)));
        }
        JsonNode fields = body.get("method");
        RemoteImage remote = GLANCE_DOWNLOAD.equals(method) ? new RemoteImage(text(fields, "glance_image_id"),
                text(fields, "glance_region"), fields.has("glance_service_interface")
                        ? text(fields, "glance_service_interface") : "public")
                : null;
        return new ImportRequest(method, List.copyOf(targets), all, mustSucceed,
                WEB_DOWNLOAD.equals(method) ? text(fields, "uri") : null, remote);
    }

    private static String text(JsonNode fields, String field) {
        JsonNode value = fields.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    private static boolean bool(JsonNode body, String field, boolean absent) {
        JsonNode value = body.get(field);
        if (value == null) {
            return absent;
        }
        if (!value.isBoolean()) {
            throw ApiException.badRequest("'" + field + "' must be boolean value only");
        }
        return value.asBoolean();
    }
}
