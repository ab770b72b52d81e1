package dev.hashscope.event;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import jdk.jfr.EventType;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads recordings with the JDK's own parser ({@code jdk.jfr.consumer.RecordingFile}): reads every
 * format the running JDK knows, including async-profiler output, at the JDK parser's speed.
 */
public final class JdkRecordingReader implements RecordingReader {
    // Decoded event kinds; everything else is only counted.
    private static final int OTHER = 0, EXECUTION_SAMPLE = 1, MONITOR_ENTER = 2, MONITOR_WAIT = 3, PARK = 4,
            ALLOC_SAMPLE = 5, ALLOC_NEW_TLAB = 6, ALLOC_OUTSIDE_TLAB = 7, GC = 8, GC_PHASE_PAUSE = 9, CPU_LOAD = 10,
            THREAD_START = 11, THREAD_END = 12, JVM_INFO = 13, ACTIVE_SETTING = 14, MAP_BUCKETS = 15;
    private static final Map<String, Integer> KINDS = Map.ofEntries(
            Map.entry("jdk.ExecutionSample", EXECUTION_SAMPLE),
            Map.entry("jdk.JavaMonitorEnter", MONITOR_ENTER),
            Map.entry("jdk.JavaMonitorWait", MONITOR_WAIT),
            Map.entry("jdk.ThreadPark", PARK),
            Map.entry("jdk.ObjectAllocationSample", ALLOC_SAMPLE),
            Map.entry("jdk.ObjectAllocationInNewTLAB", ALLOC_NEW_TLAB),
            Map.entry("jdk.ObjectAllocationOutsideTLAB", ALLOC_OUTSIDE_TLAB),
            Map.entry("jdk.GarbageCollection", GC),
            Map.entry("jdk.GCPhasePause", GC_PHASE_PAUSE),
            Map.entry("jdk.CPULoad", CPU_LOAD),
            Map.entry("jdk.ThreadStart", THREAD_START),
            Map.entry("jdk.ThreadEnd", THREAD_END),
            Map.entry("jdk.JVMInformation", JVM_INFO),
            Map.entry("jdk.ActiveSetting", ACTIVE_SETTING),
            Map.entry(MapBuckets.EVENT_NAME, MAP_BUCKETS));

    /** The sink-facing kind of each decoded event code (index = code). */
    private static final EventKind[] KIND_OF_CODE = {null, EventKind.EXECUTION_SAMPLE, EventKind.MONITOR_BLOCKED,
            EventKind.MONITOR_WAIT, EventKind.THREAD_PARK, EventKind.ALLOCATION, EventKind.ALLOCATION,
            EventKind.ALLOCATION, EventKind.GC_PAUSE, EventKind.GC_PHASE_PAUSE, EventKind.CPU_LOAD,
            EventKind.THREAD_LIFECYCLE, EventKind.THREAD_LIFECYCLE, EventKind.JVM_INFO, EventKind.SETTING,
            EventKind.MAP_BUCKETS};

    /** Identity caches are dropped past this size, so memory stays bounded on recordings with many chunks. */
    private static final int CACHE_LIMIT = 1 << 16;

    @Override
    public ReadStats read(Path file, EventSink sink) throws UnreadableRecordingException {
        try (RecordingFiles prepared = RecordingFiles.prepare(file)) {
            try {
                EventSizeCheck.check(prepared.readable(), prepared.layout());
            } catch (java.io.IOException e) {
                throw new UnreadableRecordingException("cannot read " + file + ": " + RecordingFiles.describe(e), e);
            }
            // A sink's exception is a bug in the analysis: it must not be reported as a corrupt file.
            return new Run(prepared.layout(), GuardedSink.of(sink)).read(prepared.readable());
        }
    }

    /**
     * Decodes {@link RecordedEvent}s one at a time into a sink, as {@link #read} does for a file: for events
     * that arrive from elsewhere (a live {@code RecordingStream}). Not thread-safe; one thread feeds it.
     */
    public static final class Decoder {
        private final Run run;

        /** Calls {@code sink.begin(layout, symbols)} with the decoder's own symbol table. */
        public Decoder(RecordingLayout layout, EventSink sink) {
            this.run = new Run(layout, sink);
            sink.begin(layout, run.symbols);
        }

        public void accept(RecordedEvent e) {
            run.accept(e);
        }

        /** Names event type {@code id}, so a {@code jdk.ActiveSetting} for it resolves (from stream metadata). */
        public void typeName(long id, String name) {
            run.typeNames.put(id, name);
        }

        /** Events seen so far by type name, decoded or not. */
        public Map<String, Long> counts() {
            return run.counts();
        }

        public Symbols symbols() {
            return run.symbols;
        }
    }

    /** State of one read: the symbol tables and the identity caches over the parser's objects. */
    private static final class Run {
        private final RecordingLayout layout;
        private final EventSink sink;
        private final Symbols symbols = new Symbols();
        private final Map<String, long[]> counts = new HashMap<>();
        private final IdentityHashMap<EventType, Integer> kindByType = new IdentityHashMap<>();
        private final IdentityHashMap<EventType, long[]> countByType = new IdentityHashMap<>();
        private final IdentityHashMap<RecordedStackTrace, Integer> stackCache = new IdentityHashMap<>();
        private final IdentityHashMap<RecordedMethod, Integer> methodCache = new IdentityHashMap<>();
        private final IdentityHashMap<RecordedThread, Integer> threadCache = new IdentityHashMap<>();
        private final IdentityHashMap<RecordedClass, Integer> classCache = new IdentityHashMap<>();
        private final Map<Long, String> typeNames = new HashMap<>();
        private int[] frameBuffer = new int[256];

        private final Set<EventKind> wanted;

        Run(RecordingLayout layout, EventSink sink) {
            this.layout = layout;
            this.sink = sink;
            this.wanted = sink.kinds();
        }

        /** The decode code for a type, or OTHER when no sink wants its kind. */
        private int code(String typeName) {
            int code = KINDS.getOrDefault(typeName, OTHER);
            return code != OTHER && wanted.contains(KIND_OF_CODE[code]) ? code : OTHER;
        }

        ReadStats read(Path readable) throws UnreadableRecordingException {
            sink.begin(layout, symbols);
            try (RecordingFile rf = new RecordingFile(readable)) {
                if (wanted.contains(EventKind.SETTING)) {
                    // Settings name their event type by id, also for types without events; reading all
                    // types walks every chunk's metadata once more, so only when settings are wanted.
                    for (EventType t : rf.readEventTypes()) {
                        typeNames.put(t.getId(), t.getName());
                    }
                }
                while (rf.hasMoreEvents()) {
                    accept(rf.readEvent());
                }
            } catch (CancellationException e) {
                // A sink cancelled the read (the user closed the file or changed a filter): not a bad file.
                throw e;
            } catch (AnalysisFailure e) {
                // A sink failed: a bug in the analysis, not a bad file.
                throw (RuntimeException) e.getCause();
            } catch (IOException | RuntimeException | InternalError e) {
                // InternalError: how the JDK's parser reports a damaged constant pool ("Pool ... must contain
                // at least one element").
                throw new UnreadableRecordingException("corrupt recording: the JDK's JFR parser failed ("
                        + RecordingFiles.describe(e) + ")", e);
            }
            ReadStats stats = new ReadStats(layout, counts());
            sink.end(stats);
            return stats;
        }

        /** Counts and decodes one event. */
        void accept(RecordedEvent e) {
            EventType type = e.getEventType();
            long[] count = countByType.get(type);
            if (count == null) {
                count = counts.computeIfAbsent(type.getName(), k -> new long[1]);
                countByType.put(type, count);
                kindByType.put(type, code(type.getName()));
            }
            count[0]++;
            dispatch(kindByType.get(type), e);
            trimCaches();
        }

        Map<String, Long> counts() {
            Map<String, Long> byName = new HashMap<>();
            counts.forEach((k, v) -> byName.put(k, v[0]));
            return byName;
        }

        private void dispatch(int kind, RecordedEvent e) {
            switch (kind) {
                case EXECUTION_SAMPLE -> sink.executionSample(new ExecutionSample(nanos(e.getStartTime()),
                        thread(threadField(e, "sampledThread")), stack(e.getStackTrace())));
                case MONITOR_ENTER -> sink.monitorBlocked(new MonitorBlocked(nanos(e.getStartTime()),
                        nanos(e.getDuration()), thread(e.getThread()), stack(e.getStackTrace()),
                        klass(classField(e, "monitorClass")), longField(e, "address"),
                        thread(threadField(e, "previousOwner"))));
                case MONITOR_WAIT -> sink.monitorWait(new MonitorWait(nanos(e.getStartTime()),
                        nanos(e.getDuration()), thread(e.getThread()), stack(e.getStackTrace()),
                        klass(classField(e, "monitorClass")), longField(e, "address"),
                        thread(threadField(e, "notifier")), e.hasField("timedOut") && e.getBoolean("timedOut")));
                case PARK -> sink.threadPark(new ThreadPark(nanos(e.getStartTime()), nanos(e.getDuration()),
                        thread(e.getThread()), stack(e.getStackTrace()), klass(classField(e, "parkedClass")),
                        longField(e, "address")));
                case ALLOC_SAMPLE -> allocation(e, longField(e, "weight"), AllocationSample.Source.SAMPLED);
                case ALLOC_NEW_TLAB -> {
                    long tlab = longField(e, "tlabSize");
                    allocation(e, tlab > 0 ? tlab : longField(e, "allocationSize"), AllocationSample.Source.TLAB);
                }
                case ALLOC_OUTSIDE_TLAB -> allocation(e, longField(e, "allocationSize"), AllocationSample.Source.TLAB);
                case GC -> sink.gcPause(new GcPause(nanos(e.getStartTime()), nanos(e.getDuration()),
                        longField(e, "gcId"), stringField(e, "name"), stringField(e, "cause"),
                        durationField(e, "sumOfPauses"), durationField(e, "longestPause")));
                case GC_PHASE_PAUSE -> sink.gcPhasePause(new GcPhasePause(nanos(e.getStartTime()),
                        nanos(e.getDuration()), longField(e, "gcId"), stringField(e, "name")));
                case CPU_LOAD -> sink.cpuLoad(new CpuLoad(nanos(e.getStartTime()), floatField(e, "jvmUser"),
                        floatField(e, "jvmSystem"), floatField(e, "machineTotal")));
                case THREAD_START -> sink.threadLifecycle(new ThreadLifecycle(nanos(e.getStartTime()),
                        thread(threadField(e, "thread")), true));
                case THREAD_END -> sink.threadLifecycle(new ThreadLifecycle(nanos(e.getStartTime()),
                        thread(threadField(e, "thread")), false));
                case JVM_INFO -> sink.jvmInfo(new JvmInfo(stringField(e, "jvmName"), stringField(e, "jvmVersion"),
                        stringField(e, "jvmArguments"), stringField(e, "javaArguments"),
                        e.hasField("jvmStartTime") ? nanos(e.getInstant("jvmStartTime")) : 0));
                case ACTIVE_SETTING -> sink.setting(new RecordingSetting(
                        typeNames.getOrDefault(longField(e, "id"), "#" + longField(e, "id")),
                        stringField(e, "name"), stringField(e, "value")));
                case MAP_BUCKETS -> sink.mapBuckets(new MapBuckets(nanos(e.getStartTime()), stringField(e, "map"),
                        stringField(e, "kind"), stringField(e, "keyClass"), (int) longField(e, "identity"),
                        (int) longField(e, "capacity"), (int) longField(e, "size"), floatField(e, "loadFactor"),
                        (int) longField(e, "treeifiedBins"), (int) longField(e, "longestChain"),
                        doubleField(e, "averageProbe"), doubleField(e, "distinctHashRatio"),
                        (int) longField(e, "hashedEntries"), stringField(e, "histogram"),
                        stringField(e, "remixedHistogram"), stringField(e, "chainVector"),
                        (int) longField(e, "bucketsPerValue"), stringField(e, "treeifiedValues"),
                        longField(e, "tableBytes")));
                default -> {
                }
            }
        }

        private void allocation(RecordedEvent e, long weight, AllocationSample.Source source) {
            sink.allocation(new AllocationSample(nanos(e.getStartTime()), thread(e.getThread()),
                    stack(e.getStackTrace()), klass(classField(e, "objectClass")), weight, source));
        }

        private int stack(RecordedStackTrace st) {
            if (st == null) {
                return Symbols.NO_STACK;
            }
            Integer cached = stackCache.get(st);
            if (cached != null) {
                return cached;
            }
            List<RecordedFrame> frames = st.getFrames();
            if (frameBuffer.length < frames.size()) {
                frameBuffer = new int[frames.size() * 2];
            }
            int n = 0;
            for (RecordedFrame f : frames) {
                RecordedMethod m = f.getMethod();
                int method;
                if (m == null) {
                    method = symbols.method("", "<unknown>");
                } else {
                    Integer mid = methodCache.get(m);
                    if (mid == null) {
                        RecordedClass type = m.getType();
                        mid = symbols.method(type == null ? "" : ClassNames.normalize(type.getName()), m.getName());
                        methodCache.put(m, mid);
                    }
                    method = mid;
                }
                int line = f.getLineNumber();
                frameBuffer[n++] = symbols.frame(method, line > 0 ? line : -1, FrameType.fromJfr(f.getType()));
            }
            int id = symbols.stack(frameBuffer, n, st.isTruncated());
            stackCache.put(st, id);
            return id;
        }

        private int thread(RecordedThread t) {
            if (t == null) {
                return Symbols.NONE;
            }
            Integer cached = threadCache.get(t);
            if (cached != null) {
                return cached;
            }
            long javaId = t.getJavaThreadId();
            long key = javaId > 0 ? javaId : -1 - t.getOSThreadId();
            String name = t.getJavaName() != null ? t.getJavaName() : t.getOSName();
            int id = symbols.thread(key, name);
            threadCache.put(t, id);
            return id;
        }

        private int klass(RecordedClass c) {
            if (c == null) {
                return Symbols.NONE;
            }
            Integer cached = classCache.get(c);
            if (cached == null) {
                cached = symbols.string(ClassNames.normalize(c.getName()));
                classCache.put(c, cached);
            }
            return cached;
        }

        private void trimCaches() {
            if (stackCache.size() > CACHE_LIMIT) {
                stackCache.clear();
            }
            if (methodCache.size() > CACHE_LIMIT) {
                methodCache.clear();
            }
            if (threadCache.size() > CACHE_LIMIT) {
                threadCache.clear();
            }
            if (classCache.size() > CACHE_LIMIT) {
                classCache.clear();
            }
        }

        private static RecordedThread threadField(RecordedEvent e, String name) {
            return e.hasField(name) ? e.getThread(name) : null;
        }

        private static RecordedClass classField(RecordedEvent e, String name) {
            return e.hasField(name) ? e.getClass(name) : null;
        }

        private static long longField(RecordedEvent e, String name) {
            return e.hasField(name) ? e.getLong(name) : 0;
        }

        private static float floatField(RecordedEvent e, String name) {
            return e.hasField(name) ? e.getFloat(name) : 0f;
        }

        private static double doubleField(RecordedEvent e, String name) {
            return e.hasField(name) ? e.getDouble(name) : 0.0;
        }

        private static String stringField(RecordedEvent e, String name) {
            return e.hasField(name) ? e.getString(name) : null;
        }

        private static long durationField(RecordedEvent e, String name) {
            return e.hasField(name) ? nanos(e.getDuration(name)) : 0;
        }

        private static long nanos(Instant i) {
            return i == null ? 0 : i.getEpochSecond() * 1_000_000_000L + i.getNano();
        }

        private static long nanos(Duration d) {
            // JFR marks "no value" with Long.MIN_VALUE/MAX_VALUE ticks; clamp so sums cannot overflow.
            if (d == null || d.isNegative()) {
                return 0;
            }
            try {
                return d.toNanos();
            } catch (ArithmeticException overflow) {
                return Long.MAX_VALUE / 4;
            }
        }
    }
}
