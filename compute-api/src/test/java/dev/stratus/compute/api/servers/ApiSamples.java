package dev.stratus.compute.api.servers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Golden API samples, as Nova keeps them: a request body and the response it must get, per resource and
 * microversion, under {@code src/test/resources/api-samples/}. Values that differ from run to run are
 * replaced by placeholders before the comparison ({@code %(uuid)s}, {@code %(isotime)s}, ...); everything
 * else, keys and their order included, must match. A response that differs is written to
 * {@code target/api-samples/} for review.
 */
final class ApiSamples {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final List<Map.Entry<Pattern, String>> VOLATILE = List.of(
            Map.entry(Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), "%(uuid)s"),
            Map.entry(Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})?"),
                    "%(isotime)s"),
            Map.entry(Pattern.compile("r-[a-z0-9]{8}"), "%(reservation_id)s"),
            Map.entry(Pattern.compile("^[0-9a-f]{56}$"), "%(hostid)s"),
            Map.entry(Pattern.compile("https?://[^/]+/"), "http://openstack.example.com/"));
    /** Keys whose values are random by design. */
    private static final Map<String, String> RANDOM = Map.of("adminPass", "%(password)s");

    private ApiSamples() {
    }

    static String request(String name) throws IOException {
        return read("/api-samples/" + name + "-req.json");
    }

    /** Compares a response body with {@code <name>-resp.json}. */
    static void assertResponse(String name, String body) throws IOException {
        JsonNode actual = normalise(JSON.readTree(body), null);
        String written = JSON.writeValueAsString(actual) + "\n";
        String expected = read("/api-samples/" + name + "-resp.json");
        if (!written.equals(expected)) {
            Path out = Path.of("target/api-samples", name + "-resp.json");
            Files.createDirectories(out.getParent());
            Files.writeString(out, written);
        }
        assertEquals(expected, written, name + " differs from its sample; the response is in target/api-samples/");
    }

    private static JsonNode normalise(JsonNode node, String key) {
        if (node instanceof ObjectNode object) {
            ObjectNode out = JSON.createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                out.set(field.getKey(), normalise(field.getValue(), field.getKey()));
            }
            return out;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode out = JSON.createArrayNode();
            array.forEach(item -> out.add(normalise(item, key)));
            return out;
        }
        if (node.isTextual()) {
            if (key != null && RANDOM.containsKey(key)) {
                return TextNode.valueOf(RANDOM.get(key));
            }
            String text = node.asText();
            for (Map.Entry<Pattern, String> v : VOLATILE) {
                text = v.getKey().matcher(text).replaceAll(java.util.regex.Matcher.quoteReplacement(v.getValue()));
            }
            return TextNode.valueOf(text);
        }
        return node;
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = ApiSamples.class.getResourceAsStream(resource)) {
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
