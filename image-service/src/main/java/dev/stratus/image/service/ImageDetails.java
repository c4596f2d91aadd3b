package dev.stratus.image.service;

import dev.stratus.image.persistence.ImageEntity;
import java.util.List;
import java.util.Map;

/** An image with its custom properties and tags, as the API shows it. */
public record ImageDetails(ImageEntity image, Map<String, String> properties, List<String> tags) {
}
