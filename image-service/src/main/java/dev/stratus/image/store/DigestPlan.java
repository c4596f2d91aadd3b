package dev.stratus.image.store;

import java.util.List;

/**
 * Which thread computes which digest during a write. The reader thread always reads and writes to disk;
 * digests either run inline on it or on {@link SerialLane}s of the store's shared executor.
 * All plans give identical results and are all tested; they differ only in speed. ImageStoreBenchmarkTest
 * compares them: on 2 cores TWO_LANES was the fastest, or tied with MD5_INLINE_SHA_LANE when the source costs
 * nothing, and clearly ahead when the reader also pays for a socket (it then has no digest to compute). The
 * others stay as the benchmark's baselines.
 */
enum DigestPlan {
    /** Everything on the reader thread: the baseline (read + MD5 + SHA-512 + write in sequence). */
    INLINE(List.of("MD5", "SHA-512"), List.of()),
    /** Both digests, one after the other, on a single helper lane; the reader only reads and writes. */
    ONE_LANE(List.of(), List.of(List.of("MD5", "SHA-512"))),
    /** MD5 inline on the reader, SHA-512 on a helper lane: two busy threads, no third to schedule. */
    MD5_INLINE_SHA_LANE(List.of("MD5"), List.of(List.of("SHA-512"))),
    /** One helper lane per digest; the reader only reads and writes. */
    TWO_LANES(List.of(), List.of(List.of("MD5"), List.of("SHA-512")));

    final List<String> inline;
    final List<List<String>> lanes;

    DigestPlan(List<String> inline, List<List<String>> lanes) {
        this.inline = inline;
        this.lanes = lanes;
    }
}
