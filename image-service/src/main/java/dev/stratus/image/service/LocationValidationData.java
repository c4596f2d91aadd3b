package dev.stratus.image.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.fault.ApiException;
import dev.stratus.image.persistence.ImageEntity;
import dev.stratus.image.store.StoredImage;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code validation_data} a user may give with new locations ({@code checksum}, {@code os_hash_algo},
 * {@code os_hash_value}), checked as Glance does: a value may repeat what the image has, a different one is a
 * 409, new values are taken only while the image is {@code queued}, and the hash must be the configured
 * algorithm's ({@code sha512}) of the right length. Never stored with the location nor shown.
 */
final class LocationValidationData {

    private static final List<String> KEYS = List.of("checksum", "os_hash_algo", "os_hash_value");
    private static final int SHA512_BYTES = 64;
    private static final int MD5_BYTES = 16;

    private LocationValidationData() {
    }

    /** The values to set on the image (none when they all repeat what it has). */
    static Map<String, String> newValues(ImageEntity image, List<JsonNode> locations) {
        Map<String, String> given = new LinkedHashMap<>();
        for (JsonNode location : locations) {
            JsonNode data = location.get("validation_data");
            if (data == null) {
                continue;
            }
            checkShape(data);
            for (String key : KEYS) {
                if (!data.has(key)) {
                    continue;
                }
                String value = data.get(key).asText();
                String earlier = given.putIfAbsent(key, value);
                if (earlier != null && !earlier.equals(value)) {
                    throw ApiException.conflict("Conflicting values for " + key);
                }
            }
        }
        Map<String, String> fresh = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : given.entrySet()) {
            String current = current(image, e.getKey());
            if (e.getValue().equals(current)) {
                continue;
            }
            if (current != null && !current.isEmpty()) {
                throw ApiException.conflict(e.getKey() + " already set with a different value");
            }
            fresh.put(e.getKey(), e.getValue());
        }
        if (fresh.isEmpty()) {
            return fresh;
        }
        if (!ImageStatus.QUEUED.equals(image.status)) {
            throw ApiException.conflict("New value(s) for " + String.join(", ", fresh.keySet())
                    + " may only be provided when image status is 'queued'");
        }
        if (fresh.containsKey("checksum") && hexBytes(fresh.get("checksum"), "checksum") != MD5_BYTES) {
            throw ApiException.conflict("checksum (" + fresh.get("checksum") + ") is not the correct size for md5"
                    + " (should be 16 bytes)");
        }
        String algo = fresh.get("os_hash_algo");
        if (!StoredImage.HASH_ALGO.equals(algo)) {
            throw ApiException.conflict("os_hash_algo must be " + StoredImage.HASH_ALGO + ", not " + algo);
        }
        String hash = fresh.get("os_hash_value");
        if (hash == null || hexBytes(hash, "os_hash_value") != SHA512_BYTES) {
            throw ApiException.conflict("os_hash_value (" + hash + ") is not the correct size for "
                    + StoredImage.HASH_ALGO + " (should be " + SHA512_BYTES + " bytes)");
        }
        return fresh;
    }

    static void apply(ImageEntity image, Map<String, String> values) {
        values.forEach((key, value) -> {
            switch (key) {
                case "checksum" -> image.checksum = value;
                case "os_hash_algo" -> image.osHashAlgo = value;
                default -> image.osHashValue = value;
            }
        });
    }

    private static String current(ImageEntity image, String key) {
        return switch (key) {
            case "checksum" -> image.checksum;
            case "os_hash_algo" -> image.osHashAlgo;
            default -> image.osHashValue;
        };
    }

    /** The image schema's validation_data: an object of strings, os_hash_algo and os_hash_value required. */
    private static void checkShape(JsonNode data) {
        if (!data.isObject()) {
            throw ApiException.badRequest("Invalid value for 'validation_data': it must be an object.");
        }
        data.fieldNames().forEachRemaining(name -> {
            if (!KEYS.contains(name)) {
                throw ApiException.badRequest("Additional properties are not allowed ('" + name
                        + "' was unexpected)");
            }
            if (!data.get(name).isTextual()) {
                throw ApiException.badRequest("Invalid value for '" + name + "': it must be a string.");
            }
        });
        for (String required : List.of("os_hash_algo", "os_hash_value")) {
            if (!data.has(required)) {
                throw ApiException.badRequest("'" + required + "' is a required property");
            }
        }
        int[] maxLength = {32, 64, 128};
        for (int i = 0; i < KEYS.size(); i++) {
            String value = data.path(KEYS.get(i)).asText("");
            if (value.length() > maxLength[i] || (i == 0 && data.has("checksum") && value.length() < 32)) {
                throw ApiException.badRequest("Invalid value for '" + KEYS.get(i) + "': '" + value
                        + "' has the wrong length.");
            }
        }
    }

    private static int hexBytes(String value, String key) {
        try {
            return HexFormat.of().parseHex(value).length;
        } catch (IllegalArgumentException e) {
            throw ApiException.conflict(key + " (" + value + ") is not a valid hexadecimal value");
        }
    }
}
