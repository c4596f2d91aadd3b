package dev.stratus.image.service;

import dev.stratus.image.persistence.ImageEntity;
import java.util.List;
import java.util.Map;

/**
 * An image with its custom properties and tags, as the API shows it, the stores holding its data (sorted by
 * id, as Glance sorts its store lists) and its locations in order.
 */
public record ImageDetails(ImageEntity image, Map<String, String> properties, List<String> tags, List<String> stores,
        List<ImageLocation> locations) {
}
