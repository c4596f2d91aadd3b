package dev.stratus.compute.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.compute.InjectedFile;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * Nova's {@code personality} (create and rebuild, below 2.57): a list of files, each a {@code path} and its
 * {@code contents} in base64. Their number and sizes are the quota's to judge ({@code QuotaService}).
 */
final class Personality {

    private static final Set<String> FIELDS = Set.of("path", "contents");

    private Personality() {
    }

    /** The files as sent (contents still base64), empty when absent or null; a 400 for a malformed list. */
    static List<InjectedFile> parse(JsonNode v) {
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw Bodies.invalid("personality", v, "is not of type 'array'");
        }
        List<InjectedFile> files = new ArrayList<>();
        for (JsonNode item : v) {
            if (!item.isObject()) {
                throw Bodies.invalid("personality", item, "is not of type 'object'");
            }
            Bodies.onlyKnown(item, FIELDS);
            String path = Bodies.requiredString(item, "path", 0, Integer.MAX_VALUE);
            String contents = Bodies.requiredString(item, "contents", 0, Integer.MAX_VALUE);
            try {
                Base64.getDecoder().decode(contents.replaceAll("\\s", ""));
            } catch (IllegalArgumentException e) {
                throw Bodies.invalid("contents", item.get("contents"), "is not a 'base64'");
            }
            files.add(new InjectedFile(path, contents));
        }
        return files;
    }
}
