package dev.stratus.compute.api.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Holds response bodies to Tempest's compute response schemas, with Tempest's own validator (Debian's
 * {@code tempest} package): what Tempest accepts is what its clients, and the CLI written against the same
 * API reference, can read. Bodies are collected during a test and checked in one run at its end. Where
 * Tempest is not installed the check is skipped, with a note; the tests' own assertions still hold.
 */
public final class TempestSchemas {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static Boolean available;

    private final List<String> lines = new ArrayList<>();

    /**
     * Records {@code response} to be checked against {@code module.schema} (module relative to
     * {@code tempest.lib.api_schema.response.compute}, e.g. {@code v2_53.services}). Returns it for chaining.
     */
    public Response check(String module, String schema, Response response) {
        ObjectNode item = JSON.createObjectNode();
        item.put("where", Thread.currentThread().getStackTrace()[2].getMethodName() + " line "
                + Thread.currentThread().getStackTrace()[2].getLineNumber());
        item.put("module", module);
        item.put("schema", schema);
        item.put("status", response.statusCode());
        String text = response.asString();
        try {
            item.set("body", text == null || text.isBlank() ? null : JSON.readTree(text));
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
        lines.add(item.toString());
        return response;
    }

    /** Fails with every body Tempest would reject; clears what was recorded. */
    public void verify() throws Exception {
        if (lines.isEmpty()) {
            return;
        }
        List<String> batch = List.copyOf(lines);
        lines.clear();
        if (!available()) {
            System.out.println("Tempest's response schemas were not checked (" + batch.size()
                    + " bodies): /usr/bin/python3 with tempest is not installed");
            return;
        }
        Path script = Files.createTempFile("tempest-schema-check", ".py");
        try (InputStream in = TempestSchemas.class.getResourceAsStream("/tempest_schema_check.py")) {
            Files.write(script, in.readAllBytes());
        }
        Process p = new ProcessBuilder(PYTHON.toString(), script.toString()).redirectErrorStream(false).start();
        p.getOutputStream().write(String.join("\n", batch).getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("the schema check did not run: " + err);
        }
        Files.deleteIfExists(script);
        JsonNode failures = JSON.readTree(out);
        if (!failures.isEmpty()) {
            StringBuilder message = new StringBuilder("bodies Tempest rejects:");
            failures.forEach(f -> message.append("\n  ").append(f.asText()));
            throw new AssertionError(message.toString());
        }
    }

    private static synchronized boolean available() throws Exception {
        if (available == null) {
            available = Files.isExecutable(PYTHON) && new ProcessBuilder(PYTHON.toString(), "-c",
                    "import tempest.lib.common.rest_client").start().waitFor() == 0;
        }
        return available;
    }
}
