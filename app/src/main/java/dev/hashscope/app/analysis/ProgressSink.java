package dev.hashscope.app.analysis;

import dev.hashscope.app.task.TaskContext;
import dev.hashscope.event.AllocationSample;
import dev.hashscope.event.CpuLoad;
import dev.hashscope.event.EventKind;
import dev.hashscope.event.EventSink;
import dev.hashscope.event.ExecutionSample;
import dev.hashscope.event.GcPause;
import dev.hashscope.event.GcPhasePause;
import dev.hashscope.event.MonitorBlocked;
import dev.hashscope.event.MonitorWait;
import dev.hashscope.event.RecordingLayout;
import dev.hashscope.event.Symbols;
import dev.hashscope.event.ThreadLifecycle;
import dev.hashscope.event.ThreadPark;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CancellationException;

/**
 * Estimates how far a read has got, and stops it when the task is cancelled.
 *
 * <p>Hashscope's own reader tells its position in the file ({@link #position}), which gives progress by bytes.
 * The JDK's parser tells neither bytes read nor events left, so there progress is estimated from time: the newest
 * event timestamp seen tells which chunk the reader is in (from the chunk headers' start and duration) and how
 * far into it, and the chunks' byte sizes turn that into a share of the file. Chunks are read in file order and
 * events arrive roughly in time order within a chunk, so this moves forward about as the read does; it never
 * moves backwards, and it is only an estimate (a chunk whose last seconds are dense reads slower there than the
 * bar suggests). Where chunks overlap in time (several recordings concatenated into one file) time says
 * nothing about position, so progress is reported as unknown (-1) rather than wrong.
 *
 * <p>Cancellation is checked on every event the reader decodes for any sink, so a cancelled read stops within
 * a few events; it throws {@link CancellationException}, which the reader passes through.
 *
 * <p>It asks for no event kinds of its own: it only looks at what the other sinks asked to be decoded.
 * It must see events before any filter, so it sits in front of the whole pass, not among the filtered views.
 */
final class ProgressSink implements EventSink {
    private static final int REPORT_EVERY = 512;
    private final TaskContext context;
    private final double from;
    private final double to;
    private long[] chunkStart = new long[0];
    private long[] chunkDuration = new long[0];
    /** Bytes of the complete chunks before each chunk, and in all. */
    private long[] bytesBefore = new long[0];
    private long[] chunkBytes = new long[0];
    private long[] chunkOffset = new long[0];
    /** The reader tells its position in the file ({@link #position}): progress by bytes, not by time. */
    private boolean bytesKnown;
    private long totalBytes = 1;
    private boolean timeOrdered;
    private long newest = Long.MIN_VALUE;
    private int sinceReport;
    private double reported = -1;

    /** Reports this pass's progress mapped onto {@code [from, to]} of the whole task. */
    ProgressSink(TaskContext context, double from, double to) {
        this(context, from, to, () -> { });
    }

    /**
     * @param everyFewEvents run on the reading thread between two events, every few hundred events (for early
     *                       results)
     */
    ProgressSink(TaskContext context, double from, double to, Runnable everyFewEvents) {
        this.context = context;
        this.from = from;
        this.to = to;
        this.everyFewEvents = everyFewEvents;
    }

    private final Runnable everyFewEvents;

    @Override
    public Set<EventKind> kinds() {
        return EnumSet.noneOf(EventKind.class);
    }

    /** Sees every event decoded for the other sinks: progress and cancellation need no kind of their own. */
    @Override
    public boolean observesAll() {
        return true;
    }

    @Override
    public void begin(RecordingLayout layout, Symbols symbols) {
        check();
        var chunks = layout.chunks();
        int n = chunks.size();
        chunkStart = new long[n];
        chunkDuration = new long[n];
        bytesBefore = new long[n];
        chunkBytes = new long[n];
        chunkOffset = new long[n];
        bytesKnown = false;
        long bytes = 0;
        timeOrdered = true;
        for (int i = 0; i < n; i++) {
            var c = chunks.get(i);
            chunkStart[i] = c.startNanos();
            chunkDuration[i] = Math.max(1, c.durationNanos());
            bytesBefore[i] = bytes;
            chunkBytes[i] = c.size();
            chunkOffset[i] = c.offset();
            bytes += c.size();
            if (i > 0 && c.startNanos() < chunkStart[i - 1] + chunkDuration[i - 1] - 1_000_000_000L) {
                timeOrdered = false;
            }
        }
        totalBytes = Math.max(1, bytes);
        if (timeOrdered && n > 0) {
            report(0);
        } else {
            context.progress(-1);
        }
    }

    /** Share of the file read when the newest event seen is at {@code t}. */
    double fractionAt(long t) {
        if (chunkStart.length == 0) {
            return 0;
        }
        int lo = lastAtOrBefore(chunkStart, t);
        double within = Math.max(0, Math.min(1, (t - chunkStart[lo]) / (double) chunkDuration[lo]));
        return Math.min(1, (bytesBefore[lo] + within * chunkBytes[lo]) / totalBytes);
    }

    /** Share of the file read when the reader is at {@code offset} of the file. */
    double fractionOfBytes(long offset) {
        if (chunkOffset.length == 0) {
            return 0;
        }
        int lo = lastAtOrBefore(chunkOffset, offset);
        long within = Math.max(0, Math.min(chunkBytes[lo], offset - chunkOffset[lo]));
        return Math.min(1, (bytesBefore[lo] + within) / (double) totalBytes);
    }

    /**
     * The fast reader's position: exact where time is only an estimate, and known where chunks overlap in time
     * (concatenated recordings), so it takes over from the time-based estimate for the rest of the pass.
     */
    @Override
    public void position(long offset) {
        check();
        bytesKnown = true;
        report(fractionOfBytes(offset));
    }

    /** The last chunk whose value in {@code ascending} is at or before {@code x} (the first when none is). */
    private static int lastAtOrBefore(long[] ascending, long x) {
        int lo = 0;
        int hi = ascending.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (ascending[mid] <= x) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    private void check() {
        if (context.isCancelled()) {
            throw new CancellationException("cancelled");
        }
    }

    private void at(long nanos) {
        check();
        if (nanos > newest) {
            newest = nanos;
        }
        if (++sinceReport >= REPORT_EVERY) {
            sinceReport = 0;
            if (timeOrdered && !bytesKnown) {
                report(fractionAt(newest));
            }
            everyFewEvents.run();
        }
    }

    private void report(double passFraction) {
        double f = from + (to - from) * passFraction;
        if (f - reported >= 0.005) {
            reported = f;
            context.progress(f);
        }
    }

    @Override
    public void executionSample(ExecutionSample e) {
        at(e.timeNanos());
    }

    @Override
    public void monitorBlocked(MonitorBlocked e) {
        at(e.startNanos());
    }

    @Override
    public void monitorWait(MonitorWait e) {
        at(e.startNanos());
    }

    @Override
    public void threadPark(ThreadPark e) {
        at(e.startNanos());
    }

    @Override
    public void allocation(AllocationSample e) {
        at(e.timeNanos());
    }

    @Override
    public void gcPause(GcPause e) {
        at(e.startNanos());
    }

    @Override
    public void gcPhasePause(GcPhasePause e) {
        at(e.startNanos());
    }

    @Override
    public void cpuLoad(CpuLoad e) {
        at(e.timeNanos());
    }

    @Override
    public void threadLifecycle(ThreadLifecycle e) {
        at(e.timeNanos());
    }
}
