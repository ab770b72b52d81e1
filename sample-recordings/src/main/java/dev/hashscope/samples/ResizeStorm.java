package dev.hashscope.samples;

import java.util.Map;
import java.util.SplittableRandom;

/**
 * Pathology: large HashMaps built without an initial capacity, over and over ("resize storm").
 *
 * <p>Two batch threads each rebuild a 500k-entry index with {@link IndexBuilder#build}, probe it a
 * little, and throw it away, in a loop. Every build goes through 17 {@code HashMap.resize} calls; the
 * table arrays they allocate are a large share of all bytes allocated, so {@code jdk.ObjectAllocationSample}
 * stacks with top frame {@code java.util.HashMap.resize} (under {@code putVal} ← {@code IndexBuilder.build})
 * carry a large share of the sampled weight, and execution samples land in {@code resize}'s rehash loop.
 * The records and their boxed ids are created once up front so that the index build itself allocates
 * only HashMap nodes and tables.
 */
public final class ResizeStorm {

    private static final int CUSTOMERS = 500_000;
    /**
     * Two builders, not four: threads do not matter for this pathology, and with four 500k-entry
     * indexes live at once on a 512 MB heap GC pauses dominate and the run completes only a handful of
     * builds.
     */
    private static final int THREADS = 2;
    /** Lookups per rebuilt index: some use of the index, small next to the build. */
    private static final int PROBES = 20_000;

    public static void main(String[] args) {
        IndexBuilder.Customer[] customers = new IndexBuilder.Customer[CUSTOMERS];
        SplittableRandom random = new SplittableRandom(4_000);
        for (int i = 0; i < CUSTOMERS; i++) {
            // Sequential ids, as from a database sequence: their Long hashes fill the HashMap's bins
            // evenly, so no bin ever nears the treeify threshold and this recording shows resizing only.
            long id = 1_000_000_000L + i;
            customers[i] = new IndexBuilder.Customer(id, "customer-" + i, random.nextInt(16));
        }

        long deadline = Workers.deadline();
        Workers workers = Workers.create();
        for (int i = 0; i < THREADS; i++) {
            long seed = 4_100 + i;
            workers.add("index-builder-" + i, () -> rebuildIndexes(customers, seed, deadline));
        }
        workers.runAll("ResizeStorm");
    }

    private static String rebuildIndexes(IndexBuilder.Customer[] customers, long seed, long deadline) {
        SplittableRandom random = new SplittableRandom(seed);
        long builds = 0;
        long segmentSum = 0;
        while (Workers.before(deadline)) {
            Map<Long, IndexBuilder.Customer> index = IndexBuilder.build(customers);
            for (int i = 0; i < PROBES; i++) {
                segmentSum += index.get(customers[random.nextInt(customers.length)].id()).segment();
            }
            builds++;
        }
        return String.format("%d index builds (checksum %d)", builds, segmentSum);
    }

    private ResizeStorm() {
    }
}
