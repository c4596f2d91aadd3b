package dev.stratus.image.config;

import dev.stratus.image.store.DigestExecutor;
import dev.stratus.image.store.FileSystemImageStore;
import dev.stratus.image.store.HttpImageStore;
import dev.stratus.image.store.ImageStores;
import dev.stratus.image.store.NamedStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.jboss.logging.Logger;

/**
 * The configured stores (file-system ones sharing one digest pool), each cleaned of interrupted uploads at
 * start-up. A configuration that names no default, two defaults, a duplicate id or a shared directory stops the
 * start-up.
 */
@ApplicationScoped
public class ImageStoreProducer {

    private static final Logger LOG = Logger.getLogger(ImageStoreProducer.class);
    /** Older partial files belong to uploads that died with a previous process. */
    private static final Duration STALE = Duration.ofHours(1);
    /** The store of an install that configures none: the single store it has always had. */
    static final String SINGLE_STORE_ID = "file";
    static final String SINGLE_STORE_DESCRIPTION = "File-system store";

    private final ExecutorService digests = DigestExecutor.create(DigestExecutor.defaultThreads());

    @Produces
    @ApplicationScoped
    ImageStores stores(ImageSettings settings) throws IOException {
        List<NamedStore> stores = new ArrayList<>();
        if (settings.stores().isEmpty() || settings.stores().get().isEmpty()) {
            stores.add(new NamedStore(SINGLE_STORE_ID, SINGLE_STORE_DESCRIPTION, true,
                    open(settings.storeDirectory(), settings.stagingName())));
        } else {
            for (ImageSettings.Store store : settings.stores().get()) {
                stores.add(new NamedStore(store.id(), store.description().orElse(null), store.isDefault(),
                        open(store.directory(), settings.stagingName())));
            }
        }
        ImageStores all = new ImageStores(stores, new HttpImageStore(settings.httpStoreTimeout()));
        LOG.infof("Image stores: %s (default %s)", all.all().stream()
                .map(s -> s.id() + " in " + s.store().root()).toList(), all.defaultStore().id());
        return all;
    }

    private FileSystemImageStore open(String directory, String stagingName) throws IOException {
        FileSystemImageStore store = new FileSystemImageStore(Path.of(directory), digests, stagingName);
        int removed = store.cleanStaleTempFiles(STALE);
        if (removed > 0) {
            LOG.infof("Removed %d partial file(s) of interrupted uploads from %s", removed, store.root());
        }
        return store;
    }

    void close(@Disposes ImageStores stores) {
        stores.close();
        digests.shutdown();
    }
}
