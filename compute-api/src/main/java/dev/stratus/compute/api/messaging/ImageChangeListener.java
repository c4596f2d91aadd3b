package dev.stratus.compute.api.messaging;

import dev.stratus.common.image.ImageChange;
import dev.stratus.common.image.ImageTopics;
import dev.stratus.common.messaging.MessageContext;
import dev.stratus.common.messaging.MessageType;
import dev.stratus.common.messaging.cdi.BroadcastListener;
import dev.stratus.compute.api.service.ImageLookupCache;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** image-service changed images: creates ask it again about them. */
@ApplicationScoped
public class ImageChangeListener implements BroadcastListener<ImageChange> {

    private final ImageLookupCache cache;

    public ImageChangeListener(ImageLookupCache cache) {
        this.cache = cache;
    }

    @Override
    public String fanout() {
        return ImageTopics.CHANGES_FANOUT;
    }

    @Override
    public MessageType<ImageChange> type() {
        return ImageChange.TYPE;
    }

    @Override
    public CompletionStage<?> handle(ImageChange change, MessageContext context) {
        change.imageIds().forEach(cache::evict);
        return CompletableFuture.completedFuture(null);
    }
}
