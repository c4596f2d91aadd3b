package dev.stratus.image.store;

import java.util.Objects;

/**
 * What the store learned while writing an image: where it is, and the facts Glance exposes about the data.
 *
 * @param location    opaque URI of the data ({@code file:///…/<id>}), to persist in the image's locations
 * @param size        bytes stored (Glance {@code size})
 * @param md5Hex      lower-case hex MD5 (Glance {@code checksum}, kept for legacy clients)
 * @param sha512Hex   lower-case hex SHA-512 (Glance {@code os_hash_value}, {@code os_hash_algo = sha512})
 * @param virtualSize virtual disk size read from the qcow2 header, or null when the data is not qcow2. Use
 *                    {@link #virtualSizeFor(String)} to get what Glance reports for a declared disk format.
 * @param diskFormat  format detected from the data's magic bytes ({@code "qcow2"}) or null when unknown. A
 *                    hint only: the REST layer may refuse an image declared "raw" that is really qcow2 (a
 *                    qcow2 backing-file reference smuggled in as "raw" is a known host-file-read attack).
 */
public record StoredImage(String location, long size, String md5Hex, String sha512Hex, Long virtualSize,
        String diskFormat) {

    /** Value of Glance's {@code os_hash_algo} for {@link #sha512Hex}. */
    public static final String HASH_ALGO = "sha512";

    public StoredImage {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(md5Hex, "md5Hex");
        Objects.requireNonNull(sha512Hex, "sha512Hex");
    }

    /**
     * Glance's {@code virtual_size} for an image declared with {@code declaredDiskFormat}: Glance picks the
     * format inspector from the declared format, so raw data reports its own size, qcow2 reports the header's
     * size (null if the data is not qcow2 at all), and formats without an inspector here report null.
     */
    public Long virtualSizeFor(String declaredDiskFormat) {
        if ("raw".equals(declaredDiskFormat)) {
            return size;
        }
        if ("qcow2".equals(declaredDiskFormat)) {
            return virtualSize;
        }
        return null;
    }
}
