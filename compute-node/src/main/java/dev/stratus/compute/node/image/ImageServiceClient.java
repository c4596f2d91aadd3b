package dev.stratus.compute.node.image;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.auth.ServiceToken;
import dev.stratus.compute.node.instance.NodeJson;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Reads images from image-service's Glance v2 API with this service's token: {@code GET /v2/images/{id}}
 * and {@code GET /v2/images/{id}/file}; uploads snapshots ({@code PUT /v2/images/{id}/file}) and deletes
 * the ones that failed.
 */
public class ImageServiceClient implements ImageSource, ImageSink {

    private final String baseUrl;
    private final ServiceToken token;
    private final Duration timeout;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();

    /** @param token null to send no token (an image service without authentication, e.g. in tests) */
    public ImageServiceClient(String baseUrl, ServiceToken token, Duration timeout) {
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.token = token;
        this.timeout = timeout;
    }

    @Override
    public Download open(String imageId) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = http.send(request(imageId + "/file"),
                HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            try (InputStream body = response.body()) {
                body.readNBytes(4096);
            }
            throw new IOException(describe(response.statusCode(), imageId, "data"));
        }
        return new Download(response.body(), response.headers().firstValue("Content-MD5")
                .map(ImageServiceClient::md5Header).orElse(null));
    }

    @Override
    public String checksum(String imageId) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request(imageId), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(describe(response.statusCode(), imageId, "record"));
        }
        JsonNode checksum = NodeJson.MAPPER.readTree(response.body()).path("checksum");
        return checksum.isTextual() ? checksum.asText() : null;
    }

    @Override
    public void upload(String imageId, Path file) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + "/v2/images/" + imageId + "/file"))
                .timeout(timeout)
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofFile(file));
        HttpResponse<String> response = http.send(authorized(builder).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 204 && response.statusCode() != 200) {
            throw new IOException("uploading the snapshot to image " + imageId + " failed with HTTP "
                    + response.statusCode() + ": " + response.body());
        }
    }

    @Override
    public void delete(String imageId) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + "/v2/images/" + imageId))
                .timeout(timeout)
                .DELETE();
        int status = http.send(authorized(builder).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status != 204 && status != 404) {
            throw new IOException("deleting image " + imageId + " failed with HTTP " + status);
        }
    }

    @Override
    public List<String> backups(String instanceId, String backupType) throws IOException, InterruptedException {
        String query = "?instance_uuid=" + encode(instanceId) + "&image_type=backup&backup_type=" + encode(backupType)
                + "&sort_key=created_at&sort_dir=desc&limit=1000";
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + "/v2/images" + query))
                .timeout(timeout)
                .GET();
        HttpResponse<String> response = http.send(authorized(builder).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("listing the backups of " + instanceId + " failed with HTTP " + response.statusCode());
        }
        List<String> ids = new java.util.ArrayList<>();
        NodeJson.MAPPER.readTree(response.body()).path("images").forEach(i -> ids.add(i.path("id").asText()));
        return ids;
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder builder) throws IOException, InterruptedException {
        Optional<String> value = token == null ? Optional.empty() : token.get();
        value.ifPresent(t -> builder.header("X-Auth-Token", t));
        return builder;
    }

    private HttpRequest request(String path) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + "/v2/images/" + path))
                .timeout(timeout)
                .GET();
        Optional<String> value = token == null ? Optional.empty() : token.get();
        value.ifPresent(t -> builder.header("X-Auth-Token", t));
        return builder.build();
    }

    private static String describe(int status, String imageId, String what) {
        return switch (status) {
            case 404 -> "image " + imageId + " was not found in the image service";
            case 401, 403 -> "the compute node may not read image " + imageId + " (HTTP " + status + ")";
            case 204 -> "image " + imageId + " has no data";
            default -> "reading the " + what + " of image " + imageId + " failed with HTTP " + status;
        };
    }

    // Glance sends the MD5 as hex in Content-MD5 (RFC 1864 says base64): accept both.
    static String md5Header(String value) {
        String trimmed = value.trim();
        if (trimmed.matches("[0-9a-fA-F]{32}")) {
            return trimmed.toLowerCase();
        }
        try {
            byte[] raw = Base64.getDecoder().decode(trimmed);
            return raw.length == 16 ? HexFormat.of().formatHex(raw) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
