package dev.stratus.common.console;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * One client of the fake VNC server, the server side of RFB 3.8 (RFC 6143): the version, the security type None,
 * ClientInit and ServerInit with a small black framebuffer, then the client's messages. A full update request is
 * answered with the whole requested area in raw encoding (black is all zero bits in every true-colour format);
 * an incremental one gets nothing, as nothing on this screen ever changes. Each server message is written in one
 * piece, so a websocket proxy relays it as one frame.
 */
public final class RfbSession {

    public static final String VERSION = "RFB 003.008\n";
    public static final int WIDTH = 64;
    public static final int HEIGHT = 48;
    public static final String NAME = "Stratus fake guest";
    private static final int SECURITY_NONE = 1;

    private final DataInputStream in;
    private final DataOutputStream out;
    private int bytesPerPixel = 4;

    RfbSession(InputStream in, OutputStream out) {
        this.in = new DataInputStream(in);
        this.out = new DataOutputStream(out);
    }

    void run() throws IOException {
        handshake();
        try {
            while (true) {
                message(in.readUnsignedByte());
            }
        } catch (EOFException e) {
            // the client left
        }
    }

    private void handshake() throws IOException {
        write(VERSION.getBytes(StandardCharsets.US_ASCII));
        byte[] version = new byte[12];
        in.readFully(version);
        String client = new String(version, StandardCharsets.US_ASCII);
        if (!client.startsWith("RFB 003.")) {
            throw new IOException("not an RFB client: " + client.strip());
        }
        if (client.equals("RFB 003.003\n")) {
            // 3.3: the server decides the security type, a 32-bit word, and no result follows.
            write(new byte[] {0, 0, 0, SECURITY_NONE});
        } else {
            write(new byte[] {1, SECURITY_NONE});
            int chosen = in.readUnsignedByte();
            if (chosen != SECURITY_NONE) {
                byte[] reason = "Only the security type None is offered".getBytes(StandardCharsets.US_ASCII);
                write(concat(new byte[] {0, 0, 0, 1}, int32(reason.length), reason));
                throw new IOException("client chose security type " + chosen);
            }
            write(new byte[] {0, 0, 0, 0});
        }
        in.readUnsignedByte(); // ClientInit: shared or not, all the same here
        write(serverInit());
    }

    private static byte[] serverInit() {
        byte[] name = NAME.getBytes(StandardCharsets.UTF_8);
        byte[] init = new byte[24 + name.length];
        init[0] = (byte) (WIDTH >> 8);
        init[1] = (byte) WIDTH;
        init[2] = (byte) (HEIGHT >> 8);
        init[3] = (byte) HEIGHT;
        // pixel format: 32 bits per pixel, depth 24, little-endian, true colour, 8 bits each, red at 16
        byte[] format = {32, 24, 0, 1, 0, (byte) 255, 0, (byte) 255, 0, (byte) 255, 16, 8, 0, 0, 0, 0};
        System.arraycopy(format, 0, init, 4, 16);
        System.arraycopy(int32(name.length), 0, init, 20, 4);
        System.arraycopy(name, 0, init, 24, name.length);
        return init;
    }

    private void message(int type) throws IOException {
        switch (type) {
            case 0 -> { // SetPixelFormat: 3 padding, then the 16-byte format
                byte[] body = new byte[19];
                in.readFully(body);
                int bitsPerPixel = body[3] & 0xff;
                if (bitsPerPixel != 8 && bitsPerPixel != 16 && bitsPerPixel != 32) {
                    throw new IOException("unsupported bits per pixel " + bitsPerPixel);
                }
                bytesPerPixel = bitsPerPixel / 8;
            }
            case 2 -> { // SetEncodings: 1 padding, a count, 4 bytes each
                in.readUnsignedByte();
                skip(4 * in.readUnsignedShort());
            }
            case 3 -> updateRequest();
            case 4 -> skip(7); // KeyEvent
            case 5 -> skip(5); // PointerEvent
            case 6 -> { // ClientCutText: 3 padding, a length, the text
                skip(3);
                skip(in.readInt() & 0xffffffffL);
            }
            default -> throw new IOException("unknown RFB client message " + type);
        }
    }

    private void updateRequest() throws IOException {
        boolean incremental = in.readUnsignedByte() != 0;
        int x = in.readUnsignedShort();
        int y = in.readUnsignedShort();
        int w = in.readUnsignedShort();
        int h = in.readUnsignedShort();
        if (incremental) {
            return;
        }
        x = Math.min(x, WIDTH);
        y = Math.min(y, HEIGHT);
        w = Math.min(w, WIDTH - x);
        h = Math.min(h, HEIGHT - y);
        byte[] update = new byte[4 + 12 + w * h * bytesPerPixel];
        // FramebufferUpdate: type 0, padding, one rectangle; x, y, w, h and encoding 0 (raw); the pixels are zero
        update[3] = 1;
        short16(update, 4, x);
        short16(update, 6, y);
        short16(update, 8, w);
        short16(update, 10, h);
        write(update);
    }

    private void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    private void skip(long n) throws IOException {
        while (n > 0) {
            long skipped = in.skip(n);
            if (skipped <= 0) {
                in.readUnsignedByte();
                skipped = 1;
            }
            n -= skipped;
        }
    }

    private static void short16(byte[] b, int at, int v) {
        b[at] = (byte) (v >> 8);
        b[at + 1] = (byte) v;
    }

    private static byte[] int32(int v) {
        return new byte[] {(byte) (v >> 24), (byte) (v >> 16), (byte) (v >> 8), (byte) v};
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }
}
