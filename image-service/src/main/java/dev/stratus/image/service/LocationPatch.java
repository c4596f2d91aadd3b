package dev.stratus.image.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratus.common.fault.ApiException;
import dev.stratus.image.persistence.ImageEntity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * JSON-patch operations on an image's {@code /locations} (Glance's {@code show_multiple_locations} API): add at
 * a position, replace the whole list (only the metadata and order of existing locations may change), remove at a
 * position (never the last one). A new location must be an external one whose size the http store could read
 * ({@code sizes}, probed before the transaction); a queued image with a first location becomes active with that
 * size and no hashing. Works on the image and a copy of its locations; the caller writes the result.
 */
final class LocationPatch {

    /** Glance's {@code image_location_quota} default. */
    static final int MAX_LOCATIONS = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ImageEntity image;
    private final List<ImageLocation> locations;
    private final Map<String, Long> sizes;
    private final boolean enabled;
    private final long maxImageSize;

    LocationPatch(ImageEntity image, List<ImageLocation> current, Map<String, Long> sizes, boolean enabled,
            long maxImageSize) {
        this.image = image;
        this.locations = new ArrayList<>(current);
        this.sizes = sizes;
        this.enabled = enabled;
        this.maxImageSize = maxImageSize;
    }

    static boolean isLocationPath(String name) {
        return name.equals("locations") || name.startsWith("locations/");
    }

    /** The locations after the operations applied so far, in order. */
    List<ImageLocation> locations() {
        return List.copyOf(locations);
    }

    /** @param name the path without its leading slash: {@code locations} or {@code locations/<position>} */
    void apply(String kind, String name, JsonNode value) {
        String position = name.equals("locations") ? null : name.substring("locations/".length());
        switch (kind) {
            case "add" -> {
                requireEnabled("add");
                add(require(position, name), value);
            }
            case "replace" -> {
                requireEnabled("update");
                if (position != null) {
                    throw invalidPointer(name);
                }
                replace(value);
            }
            case "remove" -> {
                requireEnabled("remove");
                remove(require(position, name));
            }
            default -> throw ApiException.badRequest("Invalid operation: `" + kind + "`: not supported.");
        }
    }

    private void add(String position, JsonNode value) {
        requireStatus("add", ImageStatus.ACTIVE, ImageStatus.QUEUED);
        ImageLocation location = parse(value);
        Map<String, String> validation = LocationValidationData.newValues(image, List.of(value));
        Integer at = position(position, locations.size(), true);
        if (at == null) {
            throw ApiException.badRequest("Invalid position for adding a location.");
        }
        long size = checkExternal(location.url());
        if (locations.stream().anyMatch(l -> l.url().equals(location.url()))) {
            throw duplicate(location.url());
        }
        if (locations.size() >= MAX_LOCATIONS) {
            throw tooMany(locations.size() + 1);
        }
        locations.add(Math.min(at, locations.size()), location);
        setSizeIfUnknown(size);
        activate(validation);
    }

    private void replace(JsonNode value) {
        requireStatus("replace", ImageStatus.ACTIVE, ImageStatus.QUEUED);
        if (value == null || !value.isArray()) {
            throw ApiException.badRequest("Invalid locations");
        }
        List<JsonNode> items = new ArrayList<>();
        value.forEach(items::add);
        List<ImageLocation> wanted = items.stream().map(LocationPatch::parse).toList();
        Map<String, String> validation = LocationValidationData.newValues(image, items);
        List<String> wantedUrls = wanted.stream().map(ImageLocation::url).sorted().toList();
        List<String> currentUrls = locations.stream().map(ImageLocation::url).sorted().toList();
        if (!wantedUrls.equals(currentUrls)) {
            if (!locations.isEmpty()) {
                // Glance lets a replace change metadata and order only; new URLs go through add.
                throw ApiException.badRequest("Original locations is not empty: "
                        + locations.stream().map(ImageLocation::url).toList());
            }
            Set<String> seen = new HashSet<>();
            Long firstSize = null;
            for (ImageLocation location : wanted) {
                long size = checkExternal(location.url());
                firstSize = firstSize == null ? size : firstSize;
                if (!seen.add(location.url())) {
                    throw duplicate(location.url());
                }
            }
            if (wanted.size() > MAX_LOCATIONS) {
                throw tooMany(wanted.size());
            }
            if (firstSize != null) {
                setSizeIfUnknown(firstSize);
            }
        }
        locations.clear();
        locations.addAll(wanted);
        if (!locations.isEmpty()) {
            activate(validation);
        }
    }

    private void remove(String position) {
        requireStatus("remove", ImageStatus.ACTIVE);
        if (locations.size() == 1) {
            throw ApiException.forbidden("Cannot remove last location in the image.");
        }
        Integer at = position(position, locations.size(), false);
        if (at == null) {
            throw ApiException.badRequest("Invalid position for removing a location.");
        }
        locations.remove((int) at);
    }

    /** Glance's position rule: a number, or {@code -} for the end; adding may name the end itself. */
    private static Integer position(String text, int count, boolean allowEnd) {
        int at = allowEnd ? count : count - 1;
        if (!text.isEmpty() && text.chars().allMatch(Character::isDigit)) {
            try {
                at = Integer.parseInt(text);
            } catch (NumberFormatException e) {
                return null;
            }
        } else if (!text.equals("-")) {
            return null;
        }
        if (!allowEnd && (at < 0 || at >= count)) {
            return null;
        }
        return at;
    }

    /** The size of an external location, or Glance's BadStoreUri for anything else (file:, unknown, unreadable). */
    private long checkExternal(String url) {
        Long size = sizes.get(url);
        if (size == null || size <= 0) {
            throw ApiException.badRequest("Invalid location");
        }
        return size;
    }

    /** The image takes the first location's size (Glance assumes every location holds the same data). */
    private void setSizeIfUnknown(long size) {
        if (image.size == null || image.size == 0) {
            if (size > maxImageSize) {
                // Glance's image_size_cap (ImageSizeLimitExceeded).
                throw new ApiException(413, "The provided image is too large.");
            }
            image.size = size;
        }
    }

    /** A queued image with locations is active, with the validation data as its checksum and hash. */
    private void activate(Map<String, String> validation) {
        if (ImageStatus.QUEUED.equals(image.status)) {
            LocationValidationData.apply(image, validation);
            image.status = ImageStatus.ACTIVE;
        }
    }

    private void requireEnabled(String verb) {
        if (!enabled) {
            throw ApiException.forbidden("It's not allowed to " + verb + " locations if locations are invisible.");
        }
    }

    private void requireStatus(String verb, String... allowed) {
        if (!List.of(allowed).contains(image.status)) {
            throw ApiException.conflict("It's not allowed to " + verb + " locations if image status is "
                    + image.status + ".");
        }
    }

    /** One location of a patch value, as the image schema's {@code locations} items define it. */
    static ImageLocation parse(JsonNode value) {
        if (value == null || !value.isObject()) {
            throw ApiException.badRequest("Invalid location: it must be an object with 'url' and 'metadata'.");
        }
        for (String required : List.of("url", "metadata")) {
            if (!value.has(required)) {
                throw ApiException.badRequest("'" + required + "' is a required property");
            }
        }
        JsonNode url = value.get("url");
        if (!url.isTextual() || url.asText().length() > 255) {
            throw ApiException.badRequest("Invalid location: 'url' must be a string of at most 255 characters.");
        }
        JsonNode metadata = value.get("metadata");
        if (!metadata.isObject()) {
            throw ApiException.badRequest("Invalid location: 'metadata' must be an object.");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = JSON.convertValue(metadata, LinkedHashMap.class);
        return new ImageLocation(url.asText(), map);
    }

    private static String require(String position, String name) {
        if (position == null) {
            throw invalidPointer(name);
        }
        return position;
    }

    private static ApiException invalidPointer(String name) {
        return ApiException.badRequest("Invalid JSON pointer for this resource: '/" + name + "'");
    }

    private static ApiException duplicate(String url) {
        return ApiException.badRequest("The location " + url + " already exists");
    }

    private static ApiException tooMany(int attempted) {
        return new ApiException(413, "Attempted: " + attempted + ", Maximum: " + MAX_LOCATIONS);
    }
}
