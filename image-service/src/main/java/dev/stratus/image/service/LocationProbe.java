package dev.stratus.image.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.image.store.HttpImageStore;
import dev.stratus.image.store.ImageStores;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Reads the sizes of the external locations a JSON patch names, before its transaction: the http store's HEADs
 * run without blocking and without holding a database connection. A URL whose size could not be read is absent
 * from the answer (the patch then refuses it as Glance's "Invalid location").
 */
@ApplicationScoped
public class LocationProbe {

    private static final Logger LOG = Logger.getLogger(LocationProbe.class);

    private final ImageStores stores;

    public LocationProbe(ImageStores stores) {
        this.stores = stores;
    }

    /** Completes on the caller's Vert.x context, so that a reactive session may follow. */
    public Uni<Map<String, Long>> sizes(JsonNode operations) {
        Set<String> urls = externalUrls(operations);
        urls.removeIf(url -> stores.external(url).isEmpty());
        Map<String, Long> sizes = new ConcurrentHashMap<>();
        if (urls.isEmpty()) {
            return Uni.createFrom().item(sizes);
        }
        Context context = Vertx.currentContext();
        List<Uni<Void>> heads = new ArrayList<>();
        for (String url : urls) {
            HttpImageStore store = stores.external(url).orElseThrow();
            heads.add(Uni.createFrom().completionStage(() -> store.sizeAsync(url))
                    .invoke(size -> sizes.put(url, size))
                    .onFailure().invoke(e -> LOG.infof("Location %s is not usable: %s", url, e.getMessage()))
                    .onFailure().recoverWithNull().replaceWithVoid());
        }
        Uni<Map<String, Long>> all = Uni.join().all(heads).andFailFast().replaceWith(sizes);
        return context == null ? all : all.emitOn(task -> context.runOnContext(ignored -> task.run()));
    }

    /** The http(s) URLs of the locations that {@code add} and {@code replace} operations on /locations carry. */
    static Set<String> externalUrls(JsonNode operations) {
        Set<String> urls = new LinkedHashSet<>();
        if (operations == null || !operations.isArray()) {
            return urls;
        }
        for (JsonNode op : operations) {
            PatchOperation parsed = PatchOperation.parseOrNull(op);
            if (parsed == null || !LocationPatch.isLocationPath(parsed.name())) {
                continue;
            }
            JsonNode value = op.get("value");
            List<JsonNode> items = new ArrayList<>();
            if (value != null && value.isArray()) {
                value.forEach(items::add);
            } else if (value != null) {
                items.add(value);
            }
            for (JsonNode item : items) {
                String url = item.path("url").asText(null);
                if (HttpImageStore.handles(url)) {
                    urls.add(url);
                }
            }
        }
        return urls;
    }
}
