package dev.stratus.image.service;

import java.util.Map;

/**
 * One of an image's locations as Glance shows it: the URL and its metadata (for a copy in a store, the metadata
 * carries {@code "store": "<id>"} as Glance's multiple stores do).
 */
public record ImageLocation(String url, Map<String, Object> metadata) {
}
