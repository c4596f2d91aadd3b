package dev.stratus.image.store;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

/** Sources for store tests: generated on the fly so that large images never sit in the test's heap. */
final class TestStreams {

    private TestStreams() {
    }

    static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static String hex(String algorithm, byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
    }

    /** {@code size} bytes made of {@code block} repeated (the last repetition truncated). */
    static final class Repeating extends InputStream {
        private final byte[] block;
        private final long size;
        private long position;

        Repeating(byte[] block, long size) {
            this.block = block;
            this.size = size;
        }

        @Override
        public int read() {
            if (position >= size) {
                return -1;
            }
            return block[(int) (position++ % block.length)] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (position >= size) {
                return -1;
            }
            int inBlock = (int) (position % block.length);
            int n = (int) Math.min(Math.min(len, block.length - inBlock), size - position);
            System.arraycopy(block, inBlock, b, off, n);
            position += n;
            return n;
        }

        /** Digest of the whole stream, computed block by block. */
        static String digest(String algorithm, byte[] block, long size) throws Exception {
            MessageDigest md = MessageDigest.getInstance(algorithm);
            long left = size;
            while (left > 0) {
                int n = (int) Math.min(block.length, left);
                md.update(block, 0, n);
                left -= n;
            }
            return HexFormat.of().formatHex(md.digest());
        }
    }

    /** Counts the bytes its consumer actually pulled. */
    static final class Counting extends FilterInputStream {
        long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }

    /** Returns small, irregular reads, as a socket does. */
    static final class Trickle extends FilterInputStream {
        private final Random random = new Random(7);

        Trickle(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, 1 + random.nextInt(70_000)));
        }
    }

    /** Delivers {@code failAfter} bytes of {@code in}, then throws like a dropped connection. */
    static final class Failing extends FilterInputStream {
        private final long failAfter;
        private long delivered;

        Failing(InputStream in, long failAfter) {
            super(in);
            this.failAfter = failAfter;
        }

        @Override
        public int read() throws IOException {
            throw new UnsupportedOperationException();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (delivered >= failAfter) {
                throw new IOException("connection reset by peer (simulated)");
            }
            int n = super.read(b, off, (int) Math.min(len, failAfter - delivered));
            if (n > 0) {
                delivered += n;
            }
            return n;
        }
    }
}
