package dev.hashscope.timeline;

import dev.hashscope.event.AllocationSample;
import dev.hashscope.event.CpuLoad;
import dev.hashscope.event.EventKind;
import dev.hashscope.event.EventSink;
import dev.hashscope.event.GcPause;
import dev.hashscope.event.GcPhasePause;
import dev.hashscope.event.MonitorBlocked;
import dev.hashscope.event.RecordingLayout;
import dev.hashscope.event.Symbols;
import dev.hashscope.event.ThreadPark;
import dev.hashscope.mapop.MapOperationClassifier;
import dev.hashscope.timeline.Timeline.Series;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Folds a recording's events into a {@link Timeline}: allocation rate (all, and inside map operations),
 * GC pauses, lock-blocked and park time per window, and CPU load.
 *
 * <p>The window width is chosen from the recording's duration (about {@value #TARGET_WINDOWS} windows, at
 * least 50 ms, on a 1-2-5 scale), so memory is fixed per recording, never per event. Blocking time and
 * pauses are spread over the windows they overlap, so a 2 s stall shows as 2 s of blocking across its
 * windows rather than as one impossible spike. Allocation follows the flame tree's rule: sampled events
 * when the recording has any, TLAB estimates otherwise, never both. GC pauses come from
 * {@code jdk.GCPhasePause} (exact times) when present, else from {@code jdk.GarbageCollection}'s sum of
 * pauses placed at the collection's start.
 *
 * <p>Events outside the recording's chunk times (clock skew) go to the first or last window.
 */
public final class TimelineBuilder implements EventSink {
    static final int TARGET_WINDOWS = 200;
    private static final long MIN_WINDOW_NANOS = 50_000_000L;

    private final Long fixedWindowNanos;
    private Symbols symbols = new Symbols();
    private MapOperationClassifier classifier = new MapOperationClassifier(symbols);
    private long startNanos;
    private long durationNanos;
    private long windowNanos = 100_000_000L;
    private int windows;
    private double[] allocSampled = new double[0];
    private double[] mapAllocSampled = new double[0];
    private double[] allocTlab = new double[0];
    private double[] mapAllocTlab = new double[0];
    private boolean anySampled;
    private double[] phasePause = new double[0];
    private double[] gcPause = new double[0];
    private boolean anyPhasePause;
    private double[] lockBlocked = new double[0];
    private double[] parked = new double[0];
    private final List<Timeline.CpuPoint> cpu = new ArrayList<>();
    private final List<Timeline.Pause> phasePauses = new ArrayList<>();
    private final List<Timeline.Pause> gcPauses = new ArrayList<>();

    /** Window width chosen from the recording's duration. */
    public TimelineBuilder() {
        this.fixedWindowNanos = null;
    }

    /** A fixed window width (tests, or a view that wants its own resolution). */
    public TimelineBuilder(long windowNanos) {
        if (windowNanos <= 0) {
            throw new IllegalArgumentException("window must be positive: " + windowNanos);
        }
        this.fixedWindowNanos = windowNanos;
    }

    @Override
    public Set<EventKind> kinds() {
        return EnumSet.of(EventKind.ALLOCATION, EventKind.GC_PAUSE, EventKind.GC_PHASE_PAUSE, EventKind.MONITOR_BLOCKED,
                EventKind.THREAD_PARK, EventKind.CPU_LOAD);
    }

    @Override
    public void begin(RecordingLayout layout, Symbols symbols) {
        this.symbols = symbols;
        this.classifier = new MapOperationClassifier(symbols);
        this.startNanos = layout.startNanos();
        this.durationNanos = Math.max(0, layout.durationNanos());
        this.windowNanos = fixedWindowNanos != null ? fixedWindowNanos : windowFor(durationNanos);
        this.windows = (int) Math.max(1, Math.min(1_000_000, (durationNanos + windowNanos - 1) / windowNanos));
        allocSampled = new double[windows];
        mapAllocSampled = new double[windows];
        allocTlab = new double[windows];
        mapAllocTlab = new double[windows];
        phasePause = new double[windows];
        gcPause = new double[windows];
        lockBlocked = new double[windows];
        parked = new double[windows];
    }

    /** The smallest 1-2-5 step of at least 50 ms that cuts {@code durationNanos} into at most about 200 windows. */
    static long windowFor(long durationNanos) {
        long wanted = Math.max(MIN_WINDOW_NANOS, durationNanos / TARGET_WINDOWS);
        long step = 10_000_000L;
        while (true) {
            for (long m : new long[]{1, 2, 5}) {
                if (step * m >= wanted) {
                    return step * m;
                }
            }
            step *= 10;
        }
    }

    private int index(long epochNanos) {
        long off = epochNanos - startNanos;
        if (off <= 0) {
            return 0;
        }
        return (int) Math.min(windows - 1, off / windowNanos);
    }

    /** Adds {@code duration} to the windows {@code [start, start + duration)} overlaps, clamped to the recording. */
    private void spread(double[] into, long start, long duration) {
        long from = Math.max(start - startNanos, 0);
        long to = Math.min(Math.max(from, start - startNanos + Math.max(0, duration)), (long) windows * windowNanos);
        if (to <= from) {
            into[index(start)] += Math.max(0, duration);
            return;
        }
        int w = (int) Math.min(windows - 1, from / windowNanos);
        while (from < to && w < windows) {
            long end = Math.min(to, (w + 1) * windowNanos);
            into[w] += end - from;
            from = end;
            w++;
        }
    }

    @Override
    public void allocation(AllocationSample e) {
        int w = index(e.timeNanos());
        boolean inMap = classifier.classify(e.stack()) != null;
        if (e.source() == AllocationSample.Source.SAMPLED) {
            anySampled = true;
            allocSampled[w] += e.weightBytes();
            if (inMap) {
                mapAllocSampled[w] += e.weightBytes();
            }
        } else {
            allocTlab[w] += e.weightBytes();
            if (inMap) {
                mapAllocTlab[w] += e.weightBytes();
            }
        }
    }

    @Override
    public void gcPause(GcPause e) {
        gcPause[index(e.startNanos())] += e.sumOfPausesNanos();
        gcPauses.add(new Timeline.Pause(seconds(e.startNanos()), e.sumOfPausesNanos() / 1e9));
    }

    @Override
    public void gcPhasePause(GcPhasePause e) {
        anyPhasePause = true;
        spread(phasePause, e.startNanos(), e.durationNanos());
        phasePauses.add(new Timeline.Pause(seconds(e.startNanos()), e.durationNanos() / 1e9));
    }

    @Override
    public void monitorBlocked(MonitorBlocked e) {
        spread(lockBlocked, e.startNanos(), e.durationNanos());
    }

    @Override
    public void threadPark(ThreadPark e) {
        spread(parked, e.startNanos(), e.durationNanos());
    }

    @Override
    public void cpuLoad(CpuLoad e) {
        cpu.add(new Timeline.CpuPoint(seconds(e.timeNanos()), e.jvmUser() + e.jvmSystem(), e.machineTotal()));
    }

    private double seconds(long epochNanos) {
        return (epochNanos - startNanos) / 1e9;
    }

    /** The timeline of what was seen so far; call after the read. */
    public Timeline timeline() {
        double perSecond = 1e9 / windowNanos;
        Map<Series, double[]> s = new EnumMap<>(Series.class);
        s.put(Series.ALLOCATION_RATE, scale(anySampled ? allocSampled : allocTlab, perSecond));
        s.put(Series.MAP_ALLOCATION_RATE, scale(anySampled ? mapAllocSampled : mapAllocTlab, perSecond));
        s.put(Series.GC_PAUSE, scale(anyPhasePause ? phasePause : gcPause, 1e-6));
        s.put(Series.LOCK_BLOCKED, scale(lockBlocked, 1e-6));
        s.put(Series.PARK, scale(parked, 1e-6));
        List<Timeline.CpuPoint> points = new ArrayList<>(cpu);
        points.sort(Comparator.comparingDouble(Timeline.CpuPoint::seconds));
        List<Timeline.Pause> pauses = new ArrayList<>(anyPhasePause ? phasePauses : gcPauses);
        pauses.sort(Comparator.comparingDouble(Timeline.Pause::startSeconds));
        return new Timeline(durationNanos / 1e9, windowNanos / 1e9, s, points, pauses);
    }

    private static double[] scale(double[] v, double factor) {
        double[] out = Arrays.copyOf(v, v.length);
        for (int i = 0; i < out.length; i++) {
            out[i] *= factor;
        }
        return out;
    }
}
