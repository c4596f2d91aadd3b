package dev.stratus.image.config;

import dev.stratus.image.store.FileSystemImageStore;
import dev.stratus.image.store.ImageStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.io.IOException;
import java.nio.file.Path;

/** The configured image store (the file-system one). */
@ApplicationScoped
public class ImageStoreProducer {

    @Produces
    @ApplicationScoped
    ImageStore store(ImageSettings settings) throws IOException {
        return new FileSystemImageStore(Path.of(settings.storeDirectory()));
    }
}
