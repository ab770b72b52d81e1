package dev.hashscope.bench;

/**
 * A target for the live benchmark: two threads allocate small arrays as fast as they can, so JFR's
 * {@code jdk.ObjectAllocationSample} throttle (set by the benchmark to the offered rate) decides exactly how many
 * events per second the live pipeline gets, each with a stack. Runs until killed.
 */
public final class AllocationStorm {
    static volatile Object sink;

    public static void main(String[] args) throws InterruptedException {
        for (int t = 0; t < 2; t++) {
            Thread th = new Thread(AllocationStorm::allocate, "allocation-storm-" + t);
            th.start();
        }
        Thread.currentThread().join();
    }

    private static void allocate() {
        long n = 0;
        while (true) {
            sink = deep(3, (int) (n++ & 255));
        }
    }

    private static Object deep(int depth, int size) {
        return depth == 0 ? new byte[64 + size] : deep(depth - 1, size);
    }

    private AllocationStorm() {
    }
}
