package dev.stratus.image.rest;

import dev.stratus.common.auth.Policy;
import dev.stratus.common.fault.ApiException;
import dev.stratus.image.service.ImageAccess;
import dev.stratus.image.service.ImportMethods;
import dev.stratus.image.store.ImageStores;
import dev.stratus.image.store.NamedStore;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /v2/info/import}, {@code /v2/info/stores} and {@code /v2/info/stores/detail}: what clients may use. */
@Path("/v2/info")
@Produces(MediaType.APPLICATION_JSON)
public class InfoResource {

    private final ImageStores stores;
    private final Policy policy;
    private final ImportMethods methods;

    public InfoResource(ImageStores stores, Policy policy, ImportMethods methods) {
        this.stores = stores;
        this.policy = policy;
        this.methods = methods;
    }

    @GET
    @Path("import")
    public Map<String, Object> importMethods() {
        return Map.of("import-methods", Map.of("description", "Import methods available.", "type", "array",
                "value", methods.offered()));
    }

    @GET
    @Path("stores")
    public Map<String, Object> stores() {
        return Map.of("stores", stores.all().stream().map(InfoResource::summary).toList());
    }

    /** Glance's {@code stores_info_detail} policy: administrators only. */
    @GET
    @Path("stores/detail")
    public Map<String, Object> storesDetail() {
        if (!ImageAccess.isAdmin(policy.caller())) {
            throw ApiException.forbidden("You are not authorized to complete stores_info_detail action.");
        }
        List<Map<String, Object>> detail = stores.all().stream().map(store -> {
            Map<String, Object> m = summary(store);
            m.put("type", NamedStore.TYPE);
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("data_dir", store.store().root().toString());
            properties.put("chunk_size", store.store().chunkSize());
            properties.put("thin_provisioning", false);
            m.put("properties", properties);
            m.put("weight", 0);
            return m;
        }).toList();
        return Map.of("stores", detail);
    }

    /** As Glance: the description only when configured, {@code "default": "true"} (a string) on the default. */
    private static Map<String, Object> summary(NamedStore store) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", store.id());
        if (store.description() != null) {
            m.put("description", store.description());
        }
        if (store.isDefault()) {
            m.put("default", "true");
        }
        return m;
    }
}
