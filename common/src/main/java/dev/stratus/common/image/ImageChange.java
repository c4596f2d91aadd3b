package dev.stratus.common.image;

import dev.stratus.common.messaging.MessageType;
import java.util.List;

/**
 * image-service to every service that keeps what it read of an image, after a change was made through the
 * API: these images changed (attributes, status, visibility, members) or are gone. Readers drop what they
 * hold of them and ask again.
 */
public record ImageChange(List<String> imageIds) {

    public static final MessageType<ImageChange> TYPE = MessageType.of("image_change", "1.0", ImageChange.class);

    public ImageChange {
        imageIds = imageIds == null ? List.of() : List.copyOf(imageIds);
    }
}
