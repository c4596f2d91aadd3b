package dev.stratus.image.config;

import dev.stratus.image.store.FileSystemImageStore;
import dev.stratus.image.store.ImageStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.jboss.logging.Logger;

/** The configured image store (the file-system one), cleaned of interrupted uploads at start-up. */
@ApplicationScoped
public class ImageStoreProducer {

    private static final Logger LOG = Logger.getLogger(ImageStoreProducer.class);
    /** Older partial files belong to uploads that died with a previous process. */
    private static final Duration STALE = Duration.ofHours(1);

    @Produces
    @ApplicationScoped
    FileSystemImageStore store(ImageSettings settings) throws IOException {
        FileSystemImageStore store = new FileSystemImageStore(Path.of(settings.storeDirectory()));
        int removed = store.cleanStaleTempFiles(STALE);
        if (removed > 0) {
            LOG.infof("Removed %d partial file(s) of interrupted uploads from %s", removed, store.root());
        }
        return store;
    }

    void close(@Disposes FileSystemImageStore store) {
        store.close();
    }
}
