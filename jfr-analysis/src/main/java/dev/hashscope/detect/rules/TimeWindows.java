package dev.hashscope.detect.rules;

import dev.hashscope.detect.AnalysisContext;
import dev.hashscope.detect.IdFlags;
import dev.hashscope.event.GcPause;
import dev.hashscope.event.GcPhasePause;
import dev.hashscope.event.ThreadPark;
import dev.hashscope.mapop.MapOperation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongUnaryOperator;

/**
 * Fixed windows over a recording's time, numbered from its start, for detectors that look for moments
 * rather than totals. Memory is one slot per window of the recording's duration (36,000 for an hour at
 * 100 ms), never per event; events out of time order (chunks, thread buffers) are fine since every
 * window is addressed by number.
 */
final class TimeWindows {
    /** Scale that makes the MAD of normally distributed values an estimate of their standard deviation. */
    static final double MAD_TO_SIGMA = 1.4826;
    /**
     * Events may run past the chunk's stated end (a Datadog recording of "60 s" has events until 77 s), so
     * windows grow past it, but only to this many recording lengths: a corrupt timestamp must not allocate
     * gigabytes. Events beyond are dropped, as window -1.
     */
    private static final int MAX_LENGTHS = 4;
    /**
     * At most this many windows are ever addressed, past-the-end ones included (4 MB per series): a span longer
     * than {@code MAX_WINDOWS / MAX_LENGTHS} windows (3.6 hours at 100 ms; recordings of different days
     * concatenated, a damaged chunk header) gets wider windows instead of gigabytes of slots, and one event
     * spanning everything (a damaged duration) touches a bounded number of them.
     */
    static final long MAX_WINDOWS = 1 << 19;

    private final long startNanos;
    private final long windowNanos;
    private final int recordingWindows;
    private final long maxWindows;
    /** The window {@link #index} found last and the offsets it covers: [lastFrom, lastTo); empty at first. */
    private int lastIndex;
    private long lastFrom = 1;
    private long lastTo = 0;

    /**
     * Windows over the analysed span (the recording, or the filter's time range): windows outside it would
     * be empty and drag the baseline to zero, making every window of a filtered range look like a spike.
     */
    TimeWindows(long startNanos, long durationNanos, long windowNanos) {
        if (windowNanos <= 0) {
            throw new IllegalArgumentException("window must be positive: " + windowNanos);
        }
        this.startNanos = startNanos;
        long span = Math.max(0, durationNanos);
        this.windowNanos = Math.max(windowNanos, span / (MAX_WINDOWS / MAX_LENGTHS) + 1);
        long windows = span / this.windowNanos + (span % this.windowNanos == 0 ? 0 : 1);
        this.maxWindows = MAX_LENGTHS * windows + 1;
        this.recordingWindows = (int) Math.min(maxWindows, windows);
    }

    long windowNanos() {
        return windowNanos;
    }

    /**
     * The window holding this instant; instants before the start (clock skew between chunks) go to the
     * first, instants far past the end to -1, which every structure here ignores.
     */
    int index(long epochNanos) {
        long offset = epochNanos - startNanos;
        // Events arrive in nearly increasing time: most fall in the window of the one before, which saves a
        // 64-bit division per event on every detector that keeps windows.
        if (offset >= lastFrom && offset < lastTo) {
            return lastIndex;
        }
        long w = Math.max(0, offset) / windowNanos;
        if (w >= maxWindows) {
            return -1;
        }
        lastIndex = (int) w;
        lastFrom = w == 0 ? Long.MIN_VALUE : w * windowNanos;
        lastTo = (w + 1) * windowNanos;
        return lastIndex;
    }

    /** Epoch nanoseconds where window {@code w} begins. */
    long startOf(int window) {
        return startNanos + window * windowNanos;
    }

    /**
     * How many windows to judge: the recording's duration, or more if events ran past its end. Windows
     * without events count as zero, so an otherwise idle recording sets a low baseline.
     */
    int count(int... seen) {
        int n = recordingWindows;
        for (int s : seen) {
            n = Math.max(n, s);
        }
        return n;
    }

    /** Calls {@code sink} with each window that {@code [start, start + duration)} overlaps and the nanoseconds of overlap. */
    void overlap(long start, long duration, Overlap sink) {
        long from = Math.max(start, startNanos);
        long to = Math.max(from, start + Math.max(0, duration));
        int w = index(from);
        if (w < 0) {
            return;
        }
        if (from == to) {
            sink.accept(w, 0);
            return;
        }
        while (from < to && w < maxWindows) {
            long end = Math.min(to, startOf(w + 1));
            sink.accept(w, end - from);
            from = end;
            w++;
        }
    }

    interface Overlap {
        void accept(int window, long nanos);
    }

    /** A number per window (bytes, stalled nanoseconds), grown as windows are seen. */
    static final class Series {
        private long[] values = new long[0];
        private int length;

        void add(int window, long value) {
            if (window >= 0) {
                ensure(window);
                values[window] += value;
            }
        }

        /** Keeps the largest value seen in the window (e.g. the longest single pause). */
        void max(int window, long value) {
            if (window >= 0) {
                ensure(window);
                values[window] = Math.max(values[window], value);
            }
        }

        long get(int window) {
            return window < length ? values[window] : 0;
        }

        /** Windows seen so far: one past the last window with a value. */
        int length() {
            return length;
        }

        boolean isEmpty() {
            return length == 0;
        }

        long sum(int from, int to) {
            long s = 0;
            for (int w = Math.max(0, from); w < Math.min(to, length); w++) {
                s += values[w];
            }
            return s;
        }

        long max(int from, int to) {
            long m = 0;
            for (int w = Math.max(0, from); w < Math.min(to, length); w++) {
                m = Math.max(m, values[w]);
            }
            return m;
        }

        /** The first {@code n} windows, zeros where nothing was seen. */
        long[] values(int n) {
            return Arrays.copyOf(values, n);
        }

        void addAll(Series other) {
            for (int w = 0; w < other.length; w++) {
                if (other.values[w] != 0) {
                    add(w, other.values[w]);
                }
            }
        }

        void maxAll(Series other) {
            for (int w = 0; w < other.length; w++) {
                if (other.values[w] != 0) {
                    max(w, other.values[w]);
                }
            }
        }

        private void ensure(int window) {
            if (window >= values.length) {
                values = Arrays.copyOf(values, Math.max(window + 1, Math.max(64, values.length * 2)));
            }
            length = Math.max(length, window + 1);
        }
    }

    /**
     * The heaviest keys (call sites, GC causes) of each window, at most {@code k} per window. Exact while a
     * window has at most {@code k} distinct keys; beyond that it is the Space-Saving summary: a new key
     * takes over the lightest slot and inherits its weight, so every key carrying more than 1/k of the
     * window's weight is kept and none is undercounted. "Which site drove this burst" needs no more, and
     * memory stays {@code k} slots per window whatever the number of sites.
     */
    static final class TopKeys {
        private static final int KEY = 0, WEIGHT = 1, COUNT = 2, SLOT = 3;
        private final int k;
        /** Per window: null, or [used, then k slots of key, weight, count]. */
        private long[][] windows = new long[0][];

        TopKeys(int k) {
            this.k = k;
        }

        void add(int window, long key, long weight, long count) {
            if (window < 0) {
                return;
            }
            if (window >= windows.length) {
                windows = Arrays.copyOf(windows, Math.max(window + 1, Math.max(64, windows.length * 2)));
            }
            long[] s = windows[window];
            if (s == null) {
                s = windows[window] = new long[1 + k * SLOT];
            }
            int used = (int) s[0];
            // The key is usually there already: look for it alone, and for the lightest slot only when not.
            for (int at = 1, end = 1 + used * SLOT; at < end; at += SLOT) {
                if (s[at + KEY] == key) {
                    s[at + WEIGHT] += weight;
                    s[at + COUNT] += count;
                    return;
                }
            }
            if (used < k) {
                int at = 1 + used * SLOT;
                s[at + KEY] = key;
                s[at + WEIGHT] = weight;
                s[at + COUNT] = count;
                s[0] = used + 1;
            } else {
                int lightest = 1;
                for (int at = 1 + SLOT, end = 1 + used * SLOT; at < end; at += SLOT) {
                    if (s[at + WEIGHT] < s[lightest + WEIGHT]) {
                        lightest = at;
                    }
                }
                s[lightest + KEY] = key;
                s[lightest + WEIGHT] += weight;
                s[lightest + COUNT] += count;
            }
        }

        /** Adds {@code other}'s slots, its keys translated by {@code remap} (identity where keys are global). */
        void merge(TopKeys other, LongUnaryOperator remap) {
            for (int w = 0; w < other.windows.length; w++) {
                long[] s = other.windows[w];
                if (s != null) {
                    for (int i = 0; i < s[0]; i++) {
                        int at = 1 + i * SLOT;
                        add(w, remap.applyAsLong(s[at + KEY]), s[at + WEIGHT], s[at + COUNT]);
                    }
                }
            }
        }

        /** Weight and count per key over windows {@code [from, to)}: key to {weight, count}. */
        Map<Long, long[]> sum(int from, int to) {
            Map<Long, long[]> out = new HashMap<>();
            for (int w = Math.max(0, from); w < Math.min(to, windows.length); w++) {
                long[] s = windows[w];
                if (s != null) {
                    for (int i = 0; i < s[0]; i++) {
                        int at = 1 + i * SLOT;
                        long[] acc = out.computeIfAbsent(s[at + KEY], key -> new long[2]);
                        acc[0] += s[at + WEIGHT];
                        acc[1] += s[at + COUNT];
                    }
                }
            }
            return out;
        }
    }

    /**
     * What a normal window looks like, robustly: the median and the median absolute deviation, which a
     * few extreme windows cannot drag the way they drag a mean and standard deviation.
     *
     * @param threshold a window is exceptional above this
     */
    record Baseline(double median, double mad, double threshold) {
        /**
         * @param k        how many (MAD-estimated) standard deviations above the median is exceptional
         * @param minRatio at least this multiple of the median, so that a near-constant series (MAD about
         *                 zero) does not flag every small wobble
         * @param floor    at least this absolute value, so that a near-idle recording does not flag noise
         */
        static Baseline of(long[] values, double k, double minRatio, double floor) {
            if (values.length == 0) {
                return new Baseline(0, 0, floor);
            }
            double median = median(values);
            long[] deviations = new long[values.length];
            for (int i = 0; i < values.length; i++) {
                deviations[i] = Math.round(Math.abs(values[i] - median));
            }
            double mad = median(deviations);
            double threshold = Math.max(median + k * MAD_TO_SIGMA * mad, Math.max(minRatio * median, floor));
            return new Baseline(median, mad, threshold);
        }

        private static double median(long[] values) {
            long[] s = values.clone();
            Arrays.sort(s);
            int mid = s.length / 2;
            return s.length % 2 == 1 ? s[mid] : (s[mid - 1] + (double) s[mid]) / 2;
        }

        /** Runs of adjacent windows above the threshold, in time order. */
        List<Run> runsAbove(long[] values) {
            List<Run> runs = new ArrayList<>();
            int start = -1;
            for (int w = 0; w <= values.length; w++) {
                boolean above = w < values.length && values[w] > threshold;
                if (above && start < 0) {
                    start = w;
                } else if (!above && start >= 0) {
                    runs.add(new Run(start, w));
                    start = -1;
                }
            }
            return runs;
        }
    }

    /** Windows {@code [from, to)}. */
    record Run(int from, int to) {
        int windows() {
            return to - from;
        }
    }

    /**
     * Stop-the-world time per window. {@code jdk.GCPhasePause} places each pause exactly; without it (some
     * recordings have only {@code jdk.GarbageCollection}) a collection's summed pauses are spread over its
     * duration, exact for young collections, an approximation for concurrent cycles. Both are kept until
     * the end, since which one a recording has is only known then; they are never added together.
     */
    static final class GcPauses {
        private final Series phaseNanos = new Series();
        private final Series phaseLongest = new Series();
        private final Series collectionNanos = new Series();
        private final Series collectionLongest = new Series();
        /** Pause time per "G1New: G1 Evacuation Pause", placed like {@link #collectionNanos}. */
        private final TopKeys labels = new TopKeys(2);
        private final List<String> labelNames = new ArrayList<>();
        private final Map<String, Integer> labelIds = new HashMap<>();

        void collection(TimeWindows windows, GcPause e) {
            long pauses = Math.max(0, e.sumOfPausesNanos());
            long duration = Math.max(0, e.durationNanos());
            String name = e.cause() == null || e.cause().isEmpty() ? String.valueOf(e.name())
                    : e.name() + ": " + e.cause();
            int label = labelId(name);
            int first = windows.index(e.startNanos());
            long[] left = {pauses};
            windows.overlap(e.startNanos(), duration, (w, nanos) -> {
                long share = duration == 0 ? pauses : Math.min(left[0], Math.round((double) pauses * nanos / duration));
                left[0] -= share;
                collectionNanos.add(w, share);
                labels.add(w, label, share, w == first ? 1 : 0);
            });
            if (left[0] > 0) {
                int last = windows.index(e.startNanos() + duration);
                collectionNanos.add(last, left[0]);
                labels.add(last, label, left[0], 0);
            }
            collectionLongest.max(first, e.longestPauseNanos());
        }

        void phase(TimeWindows windows, GcPhasePause e) {
            windows.overlap(e.startNanos(), e.durationNanos(), (w, nanos) -> phaseNanos.add(w, nanos));
            phaseLongest.max(windows.index(e.startNanos()), e.durationNanos());
        }

        /** True when the pauses come from {@code jdk.GCPhasePause}. */
        boolean exact() {
            return !phaseNanos.isEmpty();
        }

        /** Paused nanoseconds per window. */
        Series nanos() {
            return exact() ? phaseNanos : collectionNanos;
        }

        /** The longest single pause starting in {@code [from, to)}. */
        long longest(int from, int to) {
            return (exact() ? phaseLongest : collectionLongest).max(from, to);
        }

        /** The collector and cause with most pause time in the runs, or null. */
        String topLabel(List<Run> runs) {
            Map<Long, Long> weights = new HashMap<>();
            for (Run r : runs) {
                labels.sum(r.from(), r.to()).forEach((id, wc) -> weights.merge(id, wc[0], Long::sum));
            }
            long best = -1;
            String label = null;
            for (Map.Entry<Long, Long> e : weights.entrySet()) {
                String name = labelNames.get(e.getKey().intValue());
                if (e.getValue() > best || (e.getValue() == best && name.compareTo(label) < 0)) {
                    best = e.getValue();
                    label = name;
                }
            }
            return label;
        }

        void merge(GcPauses other) {
            phaseNanos.addAll(other.phaseNanos);
            phaseLongest.maxAll(other.phaseLongest);
            collectionNanos.addAll(other.collectionNanos);
            collectionLongest.maxAll(other.collectionLongest);
            labels.merge(other.labels, id -> labelId(other.labelNames.get((int) id)));
        }

        private int labelId(String label) {
            return labelIds.computeIfAbsent(label, l -> {
                labelNames.add(l);
                return labelNames.size() - 1;
            });
        }
    }

    /**
     * Whether a {@code jdk.ThreadPark} is a thread held up by a lock rather than waiting for work: in a map's
     * own code ({@code ConcurrentHashMap$TreeBin} waiters park), or parked on a
     * {@code java.util.concurrent} lock, whose blockers are named after their synchronizer
     * ({@code ReentrantLock$NonfairSync}, {@code ReentrantReadWriteLock$FairSync}, {@code StampedLock},
     * {@code Semaphore$NonfairSync}). Pool workers, queues and conditions
     * ({@code AbstractQueuedSynchronizer$ConditionObject}) park with other blockers or none, and in real
     * recordings those idle waits are most of the park time.
     */
    static boolean holdsUp(AnalysisContext ctx, IdFlags lockBlockers, ThreadPark e) {
        MapOperation op = ctx.mapOperation(e.stack());
        if (op != null && op.callback() == MapOperation.Callback.NONE) {
            return true;
        }
        return lockBlockers.test(e.parkedClass());
    }

    /** The per-class-id memo of {@link #isLockBlocker} an accumulator passes to {@link #holdsUp}. */
    static IdFlags lockBlockers(AnalysisContext ctx) {
        return new IdFlags(id -> isLockBlocker(ctx.symbols().stringAt(id)));
    }

    /** A park blocker that is a lock's synchronizer rather than a queue, condition or pool. */
    static boolean isLockBlocker(String blocker) {
        if (blocker == null) {
            return false;
        }
        String simple = blocker.substring(blocker.lastIndexOf('.') + 1);
        return simple.endsWith("Sync") || simple.contains("Lock");
    }
}
