package dev.stratus.image.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.image.config.ImageSettings;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The remote side of {@code glance-download} (Glance's {@code _ImportMetadata}): finds the image endpoint in the
 * caller's catalog, reads the remote image's record with the caller's token, and says where its data is and what
 * the image adopts from it. The remote Glance may be this service itself. Blocking: import worker threads only.
 */
@ApplicationScoped
class RemoteGlanceImages {

    private final ImageEndpoints endpoints;
    private final ImportDownloads downloads;
    private final ImportUriFilter filter;
    private final List<String> copiedPrefixes;

    RemoteGlanceImages(ImageEndpoints endpoints, ImportDownloads downloads, ImportUriFilter filter,
            ImageSettings settings) {
        this.endpoints = endpoints;
        this.downloads = downloads;
        this.filter = filter;
        this.copiedPrefixes = settings.glanceDownload().extraProperties().stream().map(String::strip)
                .filter(p -> !p.isEmpty()).toList();
    }

    /**
     * An active remote image: where its data is, its size, and what the image adopts from it (its disk and container
     * formats, and its properties named by {@code stratus.image.glance-download.extra-properties}).
     */
    record Remote(String fileUrl, long size, ImportStaging.Adopted adopted) {
    }

    /**
     * @throws IOException no endpoint, a data URL the import filter refuses, a remote image that cannot be read, is
     *                     not active, or has no size
     */
    Remote describe(ImportRequest.RemoteImage image, String token) throws IOException {
        String endpoint = endpoints.find(token, image.region(), image.serviceInterface());
        String imageUrl = endpoint + "/v2/images/" + ImportRequest.RemoteImage.canonical(image.imageId());
        String fileUrl = imageUrl + "/file";
        if (!filter.allows(fileUrl)) {
            throw new IOException("Processed URI for glance-download does not pass filtering: " + fileUrl);
        }
        JsonNode record;
        try (ImportDownloads.Download answer = downloads.openTrusted(imageUrl, token)) {
            record = ImageEndpoints.readJson(answer.body(), "the remote image's record");
        }
        String status = record.path("status").asText(null);
        if (!ImageStatus.ACTIVE.equals(status)) {
            throw new IOException("Source image status should be active instead of " + status);
        }
        if (!record.path("size").canConvertToLong()) {
            throw new IOException("Size attribute of remote image " + image.imageId() + " could not be determined.");
        }
        ImportStaging.Adopted adopted;
        try {
            adopted = new ImportStaging.Adopted(ImageFormats.disk(text(record, "disk_format")),
                    ImageFormats.container(text(record, "container_format")), properties(record));
        } catch (dev.stratus.common.fault.ApiException e) {
            throw new IOException("The remote image cannot be imported here: " + e.getMessage());
        }
        return new Remote(fileUrl, record.get("size").asLong(), adopted);
    }

    /**
     * The remote image's properties whose names start with one of the configured prefixes, as Glance copies them;
     * never core attributes (Glance's record mixes them with properties) nor Glance's own {@code os_glance_*}.
     */
    private Map<String, String> properties(JsonNode record) {
        Map<String, String> copied = new LinkedHashMap<>();
        record.properties().forEach(field -> {
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (ImageAttributes.isCore(name) || name.startsWith(ImageAttributes.RESERVED_NAMESPACE)
                    || !value.isValueNode() || value.isNull() || name.length() > 255) {
                return;
            }
            if (copiedPrefixes.stream().anyMatch(name::startsWith)) {
                copied.put(name, value.asText());
            }
        });
        return copied;
    }

    private static String text(JsonNode record, String field) throws IOException {
        JsonNode value = record.get(field);
        if (value == null || !value.isTextual()) {
            throw new IOException("The remote image has no " + field);
        }
        return value.asText();
    }
}
