package dev.stratus.image.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratus.common.auth.AuthSettings;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;

/**
 * Glance's {@code get_glance_endpoint} for {@code glance-download}: the image endpoint of a region and interface in
 * the caller's own catalog, read with the caller's token from the identity service
 * ({@code GET /v3/auth/catalog}, at {@code stratus.auth.identity-url}). Blocking: import worker threads only.
 */
@ApplicationScoped
public class ImageEndpoints {

    static final String CATALOG_PATH = "/v3/auth/catalog";
    /** A catalog is small; anything bigger is not one. */
    private static final int MAX_CATALOG_BYTES = 4 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ImportDownloads downloads;
    private final String catalogUrl;

    public ImageEndpoints(ImportDownloads downloads, AuthSettings auth) {
        this.downloads = downloads;
        this.catalogUrl = auth.identityUrl().replaceAll("/+$", "") + CATALOG_PATH;
    }

    /**
     * The URL (without a trailing slash) of the {@code image} endpoint of {@code region} (its id, any case) with
     * {@code serviceInterface} ({@code public}, {@code internal}, {@code admin}).
     *
     * @throws IOException the catalog could not be read, or has no such endpoint (Glance's
     *                     {@code GlanceEndpointNotFound})
     */
    public String find(String token, String region, String serviceInterface) throws IOException {
        JsonNode catalog;
        try (ImportDownloads.Download answer = downloads.openTrusted(catalogUrl, token)) {
            catalog = readJson(answer.body(), "the catalog");
        }
        for (JsonNode service : catalog.path("catalog")) {
            if (!"image".equals(service.path("type").asText())) {
                continue;
            }
            for (JsonNode endpoint : service.path("endpoints")) {
                String endpointRegion = endpoint.path("region_id").asText(endpoint.path("region").asText(""));
                if (endpointRegion.equalsIgnoreCase(region)
                        && endpoint.path("interface").asText("").equalsIgnoreCase(serviceInterface)
                        && endpoint.hasNonNull("url")) {
                    return endpoint.get("url").asText().replaceAll("/+$", "");
                }
            }
        }
        throw new IOException(serviceInterface + " glance endpoint not found for region " + region);
    }

    /** Reads a small JSON document (at most a few MiB). */
    static JsonNode readJson(InputStream body, String what) throws IOException {
        byte[] bytes = body.readNBytes(MAX_CATALOG_BYTES + 1);
        if (bytes.length > MAX_CATALOG_BYTES) {
            throw new IOException(what + " is larger than " + MAX_CATALOG_BYTES + " bytes");
        }
        return JSON.readTree(bytes);
    }
}
