package dev.hashscope.event.fast;

import dev.hashscope.event.AllocationSample;
import dev.hashscope.event.CpuLoad;
import dev.hashscope.event.EventSink;
import dev.hashscope.event.ExecutionSample;
import dev.hashscope.event.FrameType;
import dev.hashscope.event.GcPause;
import dev.hashscope.event.GcPhasePause;
import dev.hashscope.event.JvmInfo;
import dev.hashscope.event.MapBuckets;
import dev.hashscope.event.MonitorBlocked;
import dev.hashscope.event.MonitorWait;
import dev.hashscope.event.RecordingSetting;
import dev.hashscope.event.Symbols;
import dev.hashscope.event.ThreadLifecycle;
import dev.hashscope.event.ThreadPark;
import java.io.IOException;
import java.util.Map;

/**
 * The delivering side: turns batches into event records, resolving constants and interning symbols on
 * first use, in the same order as {@code JdkRecordingReader} (so ids, and everything keyed by them, are
 * the same).
 */
final class EventDispatcher {
    private final EventSink sink;
    private final Map<Long, String> typeNames;
    private final Symbols symbols = new Symbols();
    private int[] frameBuffer = new int[256];
    /**
     * Frame ids by method and line. Every chunk brings its own stack pool, so the same frames are interned
     * again and again; this saves {@link Symbols#frame}'s boxed key per frame. Symbols keeps the first
     * frame type of a method and line, so skipping it for a known pair gives the same ids.
     */
    private final LongIntMap frameIds = new LongIntMap(4096);

    EventDispatcher(EventSink sink, Map<Long, String> typeNames) {
        this.sink = sink;
        this.typeNames = typeNames;
    }

    Symbols symbols() {
        return symbols;
    }

    /**
     * Per index of the current chunk's object table: its symbol as {@link #symbolAt} encodes it (0: not looked
     * up yet). Looking an event's thread, stack and class up here, in one small int array, saves three reads of
     * scattered constant objects per event; the objects are read once per chunk.
     */
    private int[] symbolByIndex = new int[0];
    private ChunkDecoder.Chunk symbolChunk;

    void deliver(ChunkDecoder.Batch b) throws IOException {
        long[] d = b.data;
        Object[] o = b.chunk.objects();
        if (b.chunk != symbolChunk) {
            symbolChunk = b.chunk;
            java.util.Arrays.fill(symbolByIndex, 0);
        }
        if (symbolByIndex.length < o.length) {
            symbolByIndex = java.util.Arrays.copyOf(symbolByIndex, o.length);
        }
        EventPlan[] plans = b.chunk.plans;
        int i = 0;
        int length = b.length;
        while (i < length) {
            EventPlan p = plans[(int) d[i]];
            long start = d[i + 1];
            long duration = d[i + 2];
            int s = i + 3;
            dispatch(p, start, duration, d, o, s);
            i = s + p.slots();
        }
    }

    private void dispatch(EventPlan p, long start, long duration, long[] d, Object[] o, int s) throws IOException {
        switch (p.code) {
            case EventPlan.EXECUTION_SAMPLE -> {
                int t = (int) d[s];
                int st = (int) d[s + 1];
                sink.executionSample(new ExecutionSample(start, threadAt(o, t), stackAt(o, st)));
            }
            case EventPlan.MONITOR_ENTER -> {
                int t = (int) d[s];
                int st = (int) d[s + 1];
                int c = (int) d[s + 2];
                int owner = (int) d[s + 4];
                int thread = threadAt(o, t);
                int stack = stackAt(o, st);
                int klass = klassAt(o, c);
                sink.monitorBlocked(new MonitorBlocked(start, duration, thread, stack, klass, d[s + 3], threadAt(o, owner)));
            }
            case EventPlan.MONITOR_WAIT -> {
                int t = (int) d[s];
                int st = (int) d[s + 1];
                int c = (int) d[s + 2];
                int notifier = (int) d[s + 4];
                int thread = threadAt(o, t);
                int stack = stackAt(o, st);
                int klass = klassAt(o, c);
                sink.monitorWait(new MonitorWait(start, duration, thread, stack, klass, d[s + 3], threadAt(o, notifier),
                        d[s + 5] != 0));
            }
            case EventPlan.PARK -> {
                int t = (int) d[s];
                int st = (int) d[s + 1];
                int c = (int) d[s + 2];
                int thread = threadAt(o, t);
                int stack = stackAt(o, st);
                sink.threadPark(new ThreadPark(start, duration, thread, stack, klassAt(o, c), d[s + 3]));
            }
            case EventPlan.ALLOC_SAMPLE, EventPlan.ALLOC_OUTSIDE_TLAB ->
                    allocation(start, d, o, s, d[s + 3], p.code == EventPlan.ALLOC_SAMPLE
                            ? AllocationSample.Source.SAMPLED : AllocationSample.Source.TLAB);
            case EventPlan.ALLOC_NEW_TLAB -> {
                long tlab = d[s + 3];
                allocation(start, d, o, s, tlab > 0 ? tlab : d[s + 4], AllocationSample.Source.TLAB);
            }
            default -> dispatchRare(p, start, duration, d, o, s);
        }
    }

    /**
     * The event types that come a few per second or per chunk. Kept out of {@link #dispatch} so the JIT
     * compiles the per-event code small: on a cold JVM the compiler shares the cores with the read, and
     * what it must compile for these (string and record building, a map lookup) is most of the switch.
     */
    private void dispatchRare(EventPlan p, long start, long duration, long[] d, Object[] o, int s) {
        switch (p.code) {
            case EventPlan.GC -> sink.gcPause(new GcPause(start, duration, d[s], str(o[(int) d[s + 1]]),
                    str(o[(int) d[s + 2]]), d[s + 3], d[s + 4]));
            case EventPlan.GC_PHASE_PAUSE -> sink.gcPhasePause(new GcPhasePause(start, duration, d[s],
                    str(o[(int) d[s + 1]])));
            case EventPlan.CPU_LOAD -> sink.cpuLoad(new CpuLoad(start, Float.intBitsToFloat((int) d[s]),
                    Float.intBitsToFloat((int) d[s + 1]), Float.intBitsToFloat((int) d[s + 2])));
            case EventPlan.THREAD_START, EventPlan.THREAD_END -> {
                int t = (int) d[s];
                sink.threadLifecycle(new ThreadLifecycle(start, threadAt(o, t), p.code == EventPlan.THREAD_START));
            }
            case EventPlan.JVM_INFO -> sink.jvmInfo(new JvmInfo(str(o[(int) d[s]]), str(o[(int) d[s + 1]]),
                    str(o[(int) d[s + 2]]), str(o[(int) d[s + 3]]), d[s + 4]));
            case EventPlan.ACTIVE_SETTING -> {
                long id = d[s];
                String name = str(o[(int) d[s + 1]]);
                String value = str(o[(int) d[s + 2]]);
                String type = typeNames.get(id);
                sink.setting(new RecordingSetting(type != null ? type : "#" + id, name, value));
            }
            case EventPlan.MAP_BUCKETS -> sink.mapBuckets(new MapBuckets(start, str(o[(int) d[s]]), str(o[(int) d[s + 1]]),
                    str(o[(int) d[s + 2]]), (int) d[s + 3], (int) d[s + 4], (int) d[s + 5], Float.intBitsToFloat((int) d[s + 6]),
                    (int) d[s + 7], (int) d[s + 8], Double.longBitsToDouble(d[s + 9]),
                    Double.longBitsToDouble(d[s + 10]), (int) d[s + 11], str(o[(int) d[s + 12]]), str(o[(int) d[s + 13]]),
                    str(o[(int) d[s + 14]]), (int) d[s + 15], str(o[(int) d[s + 16]]), d[s + 17]));
            default -> {
            }
        }
    }

    private void allocation(long start, long[] d, Object[] o, int s, long weight, AllocationSample.Source source) {
        int t = (int) d[s];
        int st = (int) d[s + 1];
        int c = (int) d[s + 2];
        int thread = threadAt(o, t);
        int stack = stackAt(o, st);
        sink.allocation(new AllocationSample(start, thread, stack, klassAt(o, c), weight, source));
    }

    private static final int THREAD = 1, CLASS = 2, STACK = 3;

    private int threadAt(Object[] o, int index) {
        return symbolAt(o, index, THREAD);
    }

    private int klassAt(Object[] o, int index) {
        return symbolAt(o, index, CLASS);
    }

    private int stackAt(Object[] o, int index) {
        return symbolAt(o, index, STACK);
    }

    /**
     * The symbol of the {@code kind} (thread, class, stack) object at {@code index} of the chunk's table, or -1
     * when there is none there or the object is of another kind (as where recordings of two JVMs concatenated
     * reuse type ids; then nothing is interned, as in the JDK reader). Cached as (symbol + 2) * 4 + the kind.
     */
    private int symbolAt(Object[] o, int index, int kind) {
        int known = symbolByIndex[index];
        if (known == 0) {
            known = lookUp(o, index, kind);
        }
        return (known & 3) == kind ? (known >>> 2) - 2 : -1;
    }

    /** The first look at an index in this chunk: out of line, as it runs once per constant, not per event. */
    private int lookUp(Object[] o, int index, int kind) {
        Object obj = o[index];
        int own = obj instanceof Constants.ThreadObj ? THREAD : obj instanceof Constants.ClassObj ? CLASS
                : obj instanceof Constants.StackObj ? STACK : 0;
        if (own != kind) {
            return 0; // nothing interned: the JDK reader sees no such object either
        }
        int known = (symbolOf(obj) + 2) * 4 + own;
        symbolByIndex[index] = known;
        return known;
    }

    private static String str(Object o) {
        return o instanceof String s ? s : null;
    }

    /**
     * Interns a thread, class or stack constant, once per object: it runs once per distinct constant, not per
     * event, and is reached only through {@link #lookUp}, so none of it is compiled into the per-event code.
     */
    private int symbolOf(Object o) {
        if (o instanceof Constants.ThreadObj t) {
            if (t.symbol == Constants.UNSEEN) {
                t.symbol = symbols.thread(t.key, t.name);
            }
            return t.symbol;
        }
        if (o instanceof Constants.ClassObj c) {
            if (c.symbol == Constants.UNSEEN) {
                c.symbol = symbols.string(c.nameOrFail());
            }
            return c.symbol;
        }
        if (!(o instanceof Constants.StackObj s)) {
            return -1; // Symbols.NONE and Symbols.NO_STACK
        }
        if (s.symbol == Constants.UNSEEN) {
            s.symbol = internStack(s);
        }
        return s.symbol;
    }

    /** A stack's frames, interned: a compile unit of its own, apart from the thread and class lookups. */
    private int internStack(Constants.StackObj s) {
        int n = s.methods.length;
        if (frameBuffer.length < n) {
            frameBuffer = new int[n * 2];
        }
        for (int i = 0; i < n; i++) {
            Constants.MethodObj m = s.methods[i];
            int method;
            if (m == null) {
                method = symbols.method("", "<unknown>");
            } else {
                if (m.symbol == Constants.UNSEEN) {
                    m.symbol = symbols.method(m.type == null ? "" : m.type.nameOrFail(), m.name);
                }
                method = m.symbol;
            }
            int line = s.lines[i] > 0 ? s.lines[i] : -1;
            long key = (long) method << 32 | (line & 0xffffffffL);
            int frame = frameIds.get(key);
            if (frame == LongIntMap.MISSING) {
                frame = symbols.frame(method, line, FrameType.fromJfr(s.types[i]));
                frameIds.put(key, frame);
            }
            frameBuffer[i] = frame;
        }
        int symbol = symbols.stack(frameBuffer, n, s.truncated);
        s.methods = null;
        s.lines = null;
        s.types = null;
        return symbol;
    }
}
