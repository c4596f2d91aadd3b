package dev.stratus.image.store;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * At most {@code limit} bytes of another stream (a range of image data); closing closes the other stream. When
 * {@code exact}, a stream that ends before {@code limit} bytes is an {@link EOFException}, so that a download of
 * external data that changed or broke off fails instead of ending short.
 */
final class BoundedInputStream extends FilterInputStream {

    private long left;
    private final boolean exact;

    BoundedInputStream(InputStream in, long limit) {
        this(in, limit, false);
    }

    BoundedInputStream(InputStream in, long limit, boolean exact) {
        super(in);
        this.left = limit;
        this.exact = exact;
    }

    private int ended() throws EOFException {
        if (exact && left > 0) {
            throw new EOFException(left + " bytes missing at the end of the data");
        }
        return -1;
    }

    @Override
    public int read() throws IOException {
        if (left <= 0) {
            return -1;
        }
        int b = in.read();
        if (b < 0) {
            return ended();
        }
        left--;
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (left <= 0) {
            return -1;
        }
        int n = in.read(buffer, offset, (int) Math.min(length, left));
        if (n < 0) {
            return ended();
        }
        left -= n;
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = in.skip(Math.min(n, left));
        left -= skipped;
        return skipped;
    }

    @Override
    public int available() throws IOException {
        return (int) Math.min(in.available(), left);
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
