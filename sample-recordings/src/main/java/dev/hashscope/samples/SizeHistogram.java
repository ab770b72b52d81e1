package dev.hashscope.samples;

import java.util.HashMap;
import java.util.Map;

/**
 * Response-size histogram, {@code bucket → count}, written the classic way: {@code get}, add one,
 * {@code put}. Buckets are 128 bytes wide and responses are 16 KB to 1 MB, so bucket numbers are
 * 128..8191: outside the Integer cache. Every update boxes the key twice (for get and for put) and the
 * new count once.
 */
final class SizeHistogram {

    private static final int BUCKET_BYTES = 128;

    private final Map<Integer, Long> counts = new HashMap<>();

    /** The call site the analysis should name: get+put with autoboxing on both sides. */
    void add(int responseBytes) {
        int bucket = responseBytes / BUCKET_BYTES;
        Long current = counts.get(bucket);
        counts.put(bucket, current == null ? 1L : current + 1);
    }

    int buckets() {
        return counts.size();
    }
}
