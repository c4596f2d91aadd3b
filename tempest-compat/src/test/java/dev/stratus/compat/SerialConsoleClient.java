package dev.stratus.compat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * A serial console opened as a client of nova-serialproxy does: a websocket (subprotocol {@code binary}) to the URL
 * {@code console url show --serial} printed; what is typed goes to the guest's serial port as binary messages and
 * what the guest writes comes back the same way.
 */
final class SerialConsoleClient {

    private SerialConsoleClient() {
    }

    /**
     * Types {@code text} at the console and returns everything the guest wrote until the typed text came back (a
     * tty in echo mode, as a getty's login prompt is) or {@code timeout} passed.
     */
    static String typeAndRead(String url, String text, Duration timeout) throws Exception {
        StringBuffer received = new StringBuffer();
        WebSocket.Listener listener = new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
                received.append(StandardCharsets.UTF_8.decode(data));
                ws.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                received.append(data);
                ws.request(1);
                return null;
            }
        };
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("binary")
                .connectTimeout(Duration.ofSeconds(10)).buildAsync(URI.create(url), listener)
                .get(20, TimeUnit.SECONDS);
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && !received.toString().contains(text)) {
                socket.sendBinary(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), true).get(10,
                        TimeUnit.SECONDS);
                Thread.sleep(1000);
            }
            return received.toString();
        } finally {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
        }
    }
}
