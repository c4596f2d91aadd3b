package dev.stratus.image.store;

import java.util.Locale;

/**
 * What to send for an HTTP {@code Range} request header on image data of a known size (RFC 9110 section 14):
 * the whole content (200), one slice (206 + Content-Range), or nothing (416).
 *
 * <p>Only single ranges are served. Multi-range requests ({@code bytes=0-1,5-6}) and headers we cannot parse
 * get the whole content, which RFC 9110 allows (a server may ignore Range) and is what Glance does.
 */
public sealed interface ByteRange {

    /** Answer 200 with all {@code size} bytes. */
    record Whole(long size) implements ByteRange {
    }

    /** Answer 206 with {@code length} bytes starting at {@code offset}. */
    record Slice(long offset, long length, long size) implements ByteRange {
        /** Value of the Content-Range response header, e.g. {@code bytes 0-99/1000}. */
        public String contentRange() {
            return "bytes " + offset + "-" + (offset + length - 1) + "/" + size;
        }
    }

    /** Answer 416: the range starts beyond the data (or asks for a zero-length suffix). */
    record Unsatisfiable(long size) implements ByteRange {
        /** Value of the Content-Range response header for a 416: "bytes", a space, an asterisk, a slash, the size. */
        public String contentRange() {
            return "bytes */" + size;
        }
    }

    /**
     * @param header the Range header value, or null when absent
     * @param size   length of the image data
     */
    static ByteRange parse(String header, long size) {
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0");
        }
        Whole whole = new Whole(size);
        if (header == null) {
            return whole;
        }
        String value = header.strip();
        int eq = value.indexOf('=');
        if (eq < 0 || !value.substring(0, eq).strip().toLowerCase(Locale.ROOT).equals("bytes")) {
            return whole; // another range unit: ignore it
        }
        String spec = value.substring(eq + 1).strip();
        if (spec.indexOf(',') >= 0) {
            return whole; // multi-range: not supported
        }
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return whole;
        }
        String first = spec.substring(0, dash).strip();
        String last = spec.substring(dash + 1).strip();
        if (first.isEmpty()) {
            // bytes=-n: the last n bytes
            long suffix = parseDigits(last);
            if (suffix < 0) {
                return whole;
            }
            if (suffix == 0 || size == 0) {
                return new Unsatisfiable(size);
            }
            long length = Math.min(suffix, size);
            return new Slice(size - length, length, size);
        }
        long start = parseDigits(first);
        if (start < 0) {
            return whole;
        }
        long end;
        if (last.isEmpty()) {
            end = size - 1; // bytes=a-
        } else {
            end = parseDigits(last);
            if (end < 0 || end < start) {
                return whole; // invalid range-spec: ignore the header
            }
        }
        if (start >= size) {
            return new Unsatisfiable(size);
        }
        end = Math.min(end, size - 1); // a last-byte-pos beyond the data means "to the end"
        return new Slice(start, end - start + 1, size);
    }

    /** Digits only (no sign, no spaces); -1 if not a number. Huge numbers saturate: they are past any end. */
    private static long parseDigits(String s) {
        if (s.isEmpty()) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            if (value > (Long.MAX_VALUE - 9) / 10) {
                value = Long.MAX_VALUE;
            } else {
                value = value * 10 + (c - '0');
            }
        }
        return value;
    }
}
