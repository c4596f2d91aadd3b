package dev.stratus.compute.node.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compares rendered text with a file under {@code src/test/resources/network/}; a difference is written to
 * {@code target/network-golden/} for a diff.
 */
public final class Golden {

    private Golden() {
    }

    public static void assertGolden(String name, String rendered) throws IOException {
        String expected;
        try (InputStream in = Golden.class.getResourceAsStream("/network/" + name)) {
            expected = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!expected.equals(rendered)) {
            Path actual = Path.of("target/network-golden", name);
            Files.createDirectories(actual.getParent());
            Files.writeString(actual, rendered);
        }
        assertEquals(expected, rendered, name + " differs; the text rendered is in target/network-golden/" + name);
    }
}
