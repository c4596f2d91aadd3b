package dev.stratus.image.messaging;

import dev.stratus.common.image.ImageChange;
import dev.stratus.common.image.ImageTopics;
import dev.stratus.common.messaging.Messaging;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Announces on the {@code image.changes} fanout the changes a background import makes after its 202 (status,
 * stores), which {@link ImageChangeBroadcaster} cannot see: readers caching the image drop it. Fire and forget.
 */
@ApplicationScoped
public class ImportChangeAnnouncer {

    private static final Logger LOG = Logger.getLogger(ImportChangeAnnouncer.class);

    private final Messaging messaging;

    public ImportChangeAnnouncer(Messaging messaging) {
        this.messaging = messaging;
    }

    public void changed(String imageId) {
        try {
            messaging.broadcast(ImageTopics.CHANGES_FANOUT, ImageChange.TYPE, new ImageChange(List.of(imageId)))
                    .whenComplete((ok, e) -> {
                        if (e != null) {
                            LOG.warnf("Could not broadcast the change of image %s: %s", imageId, e.getMessage());
                        }
                    });
        } catch (RuntimeException e) {
            LOG.warnf("Could not broadcast the change of image %s: %s", imageId, e.getMessage());
        }
    }
}
