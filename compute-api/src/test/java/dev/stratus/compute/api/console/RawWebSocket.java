package dev.stratus.compute.api.console;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A websocket client as Tempest's {@code compute.create_websocket} is: the upgrade request built from the console
 * URL's {@code path} parameter (the query as a cookie too), then masked binary frames out and plain frames in.
 */
public final class RawWebSocket implements AutoCloseable {

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    /** The upgrade's answer: status line and headers. */
    public final String response;

    private RawWebSocket(Socket socket, String response) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.response = response;
    }

    /** Connects to {@code port} on 127.0.0.1 (the URL's own host and port left aside) and upgrades. */
    public static RawWebSocket open(String consoleUrl, int port, String origin) throws IOException {
        URI url = URI.create(consoleUrl);
        String query = url.getRawQuery() == null ? "" : url.getRawQuery();
        String path = "websockify";
        for (String pair : query.split("&")) {
            if (pair.startsWith("path=")) {
                path = URLDecoder.decode(pair.substring(5), StandardCharsets.UTF_8);
            }
        }
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        String request = "GET /" + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nCookie: " + query + "\r\n"
                + (origin == null ? "" : "Origin: " + origin + "\r\n")
                + "Sec-WebSocket-Key: x3JJHMbDL1EzLkh9GBhXDw==\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Protocol: binary\r\n\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        InputStream raw = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = raw.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        return new RawWebSocket(socket, head.toString(StandardCharsets.ISO_8859_1));
    }

    /** The next data frame's payload, or null when the server closed the connection without sending one. */
    public byte[] receiveFrame() throws IOException {
        int first;
        try {
            first = in.readUnsignedByte();
        } catch (EOFException e) {
            return null;
        }
        int second = in.readUnsignedByte();
        long length = second & 127;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        if ((first & 0x0f) == 0x8) {
            return null; // a close frame
        }
        return payload;
    }

    public void sendFrame(byte[] data) throws IOException {
        byte[] mask = {7, 2, 1, 9};
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(130);
        frame.write(data.length | 128);
        frame.write(mask);
        for (int i = 0; i < data.length; i++) {
            frame.write(data[i] ^ mask[i % 4]);
        }
        out.write(frame.toByteArray());
    }

    /** Whether the server closed the connection (end of stream) rather than sending anything more. */
    public boolean closedByServer() throws IOException {
        return in.read() < 0;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
