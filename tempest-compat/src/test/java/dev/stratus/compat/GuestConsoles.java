package dev.stratus.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/** A tenant at a server's consoles with the CLI: its log's tail, the noVNC page and the serial console. */
final class GuestConsoles {

    private final Cli tenant;

    GuestConsoles(Cli tenant) {
        this.tenant = tenant;
    }

    /**
     * {@code console log show --lines 5}: Nova's tail, the last N pieces between newlines (a log that ends in a
     * newline gives N - 1 lines and an empty piece), so only an upper bound holds whatever the guest printed last;
     * the log only grows, so the tail is part of the whole log read after it. Pieces are counted between '\n' as
     * Nova cuts them: a guest's tty writes carriage returns too, which String.lines() would count as line ends.
     */
    void checkLogTail(String server) throws Exception {
        String tail = tenant.run("console", "log", "show", "--lines", "5", server).expectSuccess("console log").stdout();
        assertTrue(tail.strip().split("\n", -1).length <= 5, "--lines 5 printed: " + tail);
        String after = tenant.run("console", "log", "show", server).expectSuccess("console log").stdout();
        assertTrue(after.lines().count() > 5 && after.contains(tail.strip()), "--lines 5 printed " + tail
                + " of " + after);
    }

    /** The graphical console: a noVNC URL whose page the console proxy serves. */
    void checkNoVnc(String server) throws Exception {
        JsonNode url = tenant.json("console", "url", "show", server);
        assertEquals("novnc", url.path("type").asText(), url.toString());
        String consoleUrl = url.path("url").asText();
        assertTrue(consoleUrl.contains("path=%3Ftoken%3D"), consoleUrl);
        HttpGet.Page page = HttpGet.page(consoleUrl);
        assertEquals(200, page.status(), consoleUrl);
        assertTrue(page.body().contains("noVNC"), page.body());
    }

    /**
     * The serial console: a websocket through the serial proxy to the guest's serial port, whose getty (or the fake
     * driver's tty) echoes {@code typed}.
     */
    void checkSerialEcho(String server, String typed) throws Exception {
        JsonNode serial = tenant.json("console", "url", "show", "--serial", server);
        assertEquals("serial", serial.path("type").asText(), serial.toString());
        String serialUrl = serial.path("url").asText();
        assertTrue(serialUrl.startsWith("ws://") && serialUrl.contains("?token="), serialUrl);
        String echoed = SerialConsoleClient.typeAndRead(serialUrl, typed, Duration.ofSeconds(60));
        assertTrue(echoed.contains(typed), "the serial console did not echo " + typed + ": " + echoed);
    }
}
