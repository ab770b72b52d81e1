package dev.hashscope.samples;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Pathology: a large copy-on-write map with frequent writes.
 *
 * <p>{@link FeatureFlags} holds 20,000 flags. Two writer threads keep flipping flags through
 * {@link FeatureFlags#set} (each write copies all 20,000 entries) while two reader threads evaluate
 * flags through {@link FeatureFlags#isEnabled}. Allocation samples show {@code HashMap$Node} and
 * {@code HashMap$Node[]} allocated under {@code HashMap.putMapEntries} ← {@code HashMap.<init>} ←
 * {@code FeatureFlags.set}, and the garbage drives frequent young collections.
 */
public final class CopyOnWriteMap {

    private static final int FLAGS = 20_000;
    private static final int WRITERS = 2;
    private static final int READERS = 2;

    public static void main(String[] args) {
        String[] names = HashtableContention.names("feature.", FLAGS);
        Map<String, FeatureFlags.Flag> initial = new HashMap<>();
        SplittableRandom random = new SplittableRandom(5_000);
        for (String name : names) {
            initial.put(name, new FeatureFlags.Flag(random.nextBoolean(), random.nextInt(101)));
        }
        FeatureFlags flags = new FeatureFlags(initial);
        flags.set(names[0], new FeatureFlags.Flag(true, 100)); // warm-up on main (class loading)

        long deadline = Workers.deadline();
        Workers workers = Workers.create();
        for (int i = 0; i < WRITERS; i++) {
            long seed = 5_100 + i;
            workers.add("flag-writer-" + i, () -> flipFlags(flags, names, seed, deadline));
        }
        for (int i = 0; i < READERS; i++) {
            long seed = 5_200 + i;
            workers.add("flag-reader-" + i, () -> evaluateFlags(flags, names, seed, deadline));
        }
        workers.runAll("CopyOnWriteMap");
        System.out.printf("flags=%d%n", flags.size());
    }

    private static String flipFlags(FeatureFlags flags, String[] names, long seed, long deadline) {
        SplittableRandom random = new SplittableRandom(seed);
        long writes = 0;
        while (Workers.before(deadline)) {
            flags.set(names[random.nextInt(names.length)], new FeatureFlags.Flag(random.nextBoolean(), random.nextInt(101)));
            writes++;
        }
        return String.format("%d writes", writes);
    }

    private static String evaluateFlags(FeatureFlags flags, String[] names, long seed, long deadline) {
        SplittableRandom random = new SplittableRandom(seed);
        long reads = 0;
        long enabled = 0;
        while (Workers.before(deadline)) {
            if (flags.isEnabled(names[random.nextInt(names.length)])) {
                enabled++;
            }
            reads++;
        }
        return String.format("%d reads, %d enabled", reads, enabled);
    }

    private CopyOnWriteMap() {
    }
}
