package dev.stratus.image.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.fault.ApiException;
import dev.stratus.image.store.ImageStores;
import dev.stratus.image.store.NamedStore;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code POST /v2/images/{id}/import} body, checked as Glance checks it: the method, and the target stores from
 * {@code stores}, {@code all_stores} or the {@code X-Image-Meta-Store} header (the default store when none).
 *
 * @param stores target store ids, in request (or configuration) order, without duplicates
 */
public record ImportRequest(String method, List<String> stores, boolean allStores, boolean allStoresMustSucceed) {

    public static final String GLANCE_DIRECT = "glance-direct";
    public static final String COPY_IMAGE = "copy-image";

    /** The import methods this configuration offers: copying needs a second store. */
    public static List<String> methods(ImageStores stores) {
        return stores.all().size() > 1 ? List.of(GLANCE_DIRECT, COPY_IMAGE) : List.of(GLANCE_DIRECT);
    }

    public static ImportRequest parse(JsonNode body, String storeHeader, ImageStores stores) {
        if (body == null || !body.isObject() || !body.has("method")) {
            throw ApiException.badRequest("Import request requires a 'method' field.");
        }
        JsonNode name = body.get("method").get("name");
        if (name == null) {
            throw ApiException.badRequest("Import request requires a 'name' field.");
        }
        String method = name.asText();
        if (!methods(stores).contains(method)) {
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
        return new ImportRequest(method, List.copyOf(targets), all, mustSucceed);
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
