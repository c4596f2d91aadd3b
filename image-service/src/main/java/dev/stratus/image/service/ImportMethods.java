package dev.stratus.image.service;

import dev.stratus.image.config.ImageSettings;
import dev.stratus.image.store.ImageStores;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * The import methods this service offers (Glance's {@code enabled_import_methods}, in their configured order):
 * what {@code GET /v2/info/import} and the {@code OpenStack-image-import-methods} header list, and the only names
 * an import may use. {@code copy-image} needs a second store.
 */
@ApplicationScoped
public class ImportMethods {

    private final List<String> offered;

    public ImportMethods(ImageSettings settings, ImageStores stores) {
        List<String> methods = new ArrayList<>();
        for (String method : settings.imports().enabledMethods()) {
            String name = method.strip();
            if (!ImportRequest.ALL.contains(name)) {
                throw new IllegalStateException("stratus.image.import.enabled-methods: unknown import method '"
                        + name + "' (known: " + String.join(", ", ImportRequest.ALL) + ")");
            }
            boolean copyWithoutSecondStore = ImportRequest.COPY_IMAGE.equals(name) && stores.all().size() < 2;
            if (!methods.contains(name) && !copyWithoutSecondStore) {
                methods.add(name);
            }
        }
        this.offered = List.copyOf(methods);
    }

    public List<String> offered() {
        return offered;
    }
}
