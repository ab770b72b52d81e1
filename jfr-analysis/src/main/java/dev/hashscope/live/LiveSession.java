package dev.hashscope.live;

import dev.hashscope.detect.AnalysisResult;
import dev.hashscope.detect.Analyzer;
import dev.hashscope.detect.Detector;
import dev.hashscope.event.EventSink;
import dev.hashscope.event.FilteredSink;
import dev.hashscope.event.JdkRecordingReader;
import dev.hashscope.event.ReadStats;
import dev.hashscope.event.RecordingLayout;
import dev.hashscope.event.UnreadableRecordingException;
import dev.hashscope.flame.EventFilter;
import dev.hashscope.flame.FlameTreeBuilder;
import dev.hashscope.locks.LockTableBuilder;
import dev.hashscope.timeline.TimelineBuilder;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.Notification;
import javax.management.NotificationListener;
import javax.management.remote.JMXConnectionNotification;
import jdk.jfr.Configuration;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedMethod;
import jdk.management.jfr.FlightRecorderMXBean;
import jdk.management.jfr.RecordingInfo;
import jdk.management.jfr.RemoteRecordingStream;

/**
 * A live session: starts a recording on the target with Hashscope's settings, streams its events
 * ({@link RemoteRecordingStream}), keeps a bounded rolling window of decoded events plus whole-session totals, and
 * computes {@link LiveSnapshot}s on request by replaying the window through the same detectors, call trees, lock
 * table and timeline a file goes through.
 *
 * <p>Threads: the stream's thread decodes events; a scheduler thread tells the listener about new data at most
 * every {@code refresh} and checks that the target still answers (a JMX call under a time limit); snapshots are
 * computed on the caller's thread. One lock guards the decoded state, so a snapshot pauses decoding for the time
 * of its replay (the stream buffers on disk meanwhile; nothing is lost).
 *
 * <p>When the target exits, the network drops or the target stops answering, the session becomes
 * {@link State#DISCONNECTED}: everything received stays, snapshots and {@link #save} keep working.
 */
public final class LiveSession implements AutoCloseable {
    /** Map methods whose exact timing JDK 25+ can record ({@code jdk.MethodTiming}) without sampling. */
    public static final List<String> TIMED_MAP_METHODS = List.of("java.util.HashMap::resize",
            "java.util.HashMap::treeifyBin", "java.util.concurrent.ConcurrentHashMap::transfer",
            "java.util.concurrent.ConcurrentHashMap::helpTransfer", "java.util.concurrent.ConcurrentHashMap::addCount");
    static final int METHOD_TIMING_FEATURE = 25;

    public enum State { STREAMING, DISCONNECTED, CLOSED }

    /** @param since when the state was entered; @param message why (for DISCONNECTED), else "" */
    public record Status(State state, Instant since, String message) {
    }

    /**
     * @param window       the rolling window's length
     * @param maxEvents    at most this many events kept in the window (memory bound: roughly 60 bytes each)
     * @param refresh      at most one update notice per this interval
     * @param heartbeat    how often the target is asked whether it is alive
     * @param answerWithin how long it may take to answer before the session counts it as gone
     * @param methodTiming on JDK 25+ targets, also record {@code jdk.MethodTiming} of {@link #TIMED_MAP_METHODS}
     * @param workDirectory where downloaded chunks are kept, or null for a new temporary directory
     * @param flushInterval how often the target should flush events to the stream, or null for JFR's default
     *                      (1 s); see {@link #FLUSH_RECORDING}
     * @param extraSettings event settings over {@code hashscope.jfc}'s ({@code "jdk.ThreadPark#threshold"} → {@code
     *                      "0 ms"})
     */
    public record Options(Duration window, int maxEvents, Duration refresh, Duration heartbeat, Duration answerWithin,
                          boolean methodTiming, Path workDirectory, Duration flushInterval,
                          Map<String, String> extraSettings) {
        public Options {
            extraSettings = Map.copyOf(extraSettings);
        }

        public static Options defaults() {
            return new Options(Duration.ofMinutes(5), 1_000_000, Duration.ofSeconds(1), Duration.ofSeconds(1),
                    Duration.ofSeconds(5), true, null, Duration.ofMillis(200), Map.of());
        }

        public Options withWindow(Duration w, int max) {
            return new Options(w, max, refresh, heartbeat, answerWithin, methodTiming, workDirectory, flushInterval,
                    extraSettings);
        }

        public Options withTimeouts(Duration beat, Duration answer) {
            return new Options(window, maxEvents, refresh, beat, answer, methodTiming, workDirectory, flushInterval,
                    extraSettings);
        }

        public Options withRefresh(Duration r) {
            return new Options(window, maxEvents, r, heartbeat, answerWithin, methodTiming, workDirectory,
                    flushInterval, extraSettings);
        }

        public Options withFlushInterval(Duration f) {
            return new Options(window, maxEvents, refresh, heartbeat, answerWithin, methodTiming, workDirectory, f,
                    extraSettings);
        }

        public Options withSettings(Map<String, String> settings) {
            return new Options(window, maxEvents, refresh, heartbeat, answerWithin, methodTiming, workDirectory,
                    flushInterval, settings);
        }
    }

    /**
     * JFR flushes a running recording's events about once a second, and {@code RemoteRecordingStream} cannot ask
     * for more. A recording of no events with a shorter flush interval (a {@code JFR.start} option, hidden but
     * accepted since JDK 14) makes the target flush every recording that often; it is started beside the stream
     * and stopped with it. Without it, the time from an event to its analysis is 1-3 s instead of under 1 s.
     */
    public static final String FLUSH_RECORDING = "hashscope-flush";

    /** Called on session threads; implementations hand over to their own thread. */
    public interface Listener {
        /** New events arrived since the last notice. */
        default void updated() {
        }

        /** The target is gone; everything received is kept. */
        default void disconnected(Status status) {
        }
    }

    private final JvmConnection connection;
    private final Options options;
    private final Listener listener;
    private final List<Detector> detectors;
    private final Path workDirectory;
    private final boolean ownWorkDirectory;
    private final Path streamDirectory;
    private final ChunkMirror mirror;
    private final RemoteRecordingStream stream;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService jmxCalls;
    private final NotificationListener connectionListener;
    private final Instant started = Instant.now();

    // Guarded by 'lock'.
    private final Object lock = new Object();
    private final RetainedEvents retained;
    private final SessionCounters counters = new SessionCounters();
    private final JdkRecordingReader.Decoder decoder;
    private final Map<String, MethodTiming> methodTimings = new TreeMap<>();
    private volatile List<MethodTiming> publishedTimings = List.of();
    private final LagRecorder lag = new LagRecorder();

    private volatile Status status;
    private volatile boolean dirty;
    /** The totals as of the last tick or snapshot: read without the lock, so a UI thread never waits for a replay. */
    private volatile SessionTotals published = SessionTotals.NONE;
    private final AtomicLong received = new AtomicLong();

    /**
     * The target's recordings this session started. They are leased: their duration is pushed forward while the
     * session lives, so when Hashscope vanishes without closing them (killed, network gone) the target stops them
     * within {@link #LEASE} instead of recording to its disk forever.
     */
    private final List<Long> leased = new java.util.concurrent.CopyOnWriteArrayList<>();
    static final Duration LEASE = Duration.ofMinutes(2);
    private FlightRecorderMXBean recorder;
    private long leaseStart;
    private long lastLeaseNanos;

    private java.util.Set<Long> recordingIds() {
        java.util.Set<Long> ids = new java.util.HashSet<>();
        for (RecordingInfo r : recorder.getRecordings()) {
            ids.add(r.getId());
        }
        return ids;
    }

    /** Pushes the leased recordings' end to {@link #LEASE} from now (measured from when they were started). */
    private void renewLease() {
        long elapsed = System.nanoTime() - leaseStart;
        String duration = (Duration.ofNanos(elapsed).plus(LEASE).toSeconds()) + " s";
        for (long id : leased) {
            try {
                recorder.setRecordingOptions(id, Map.of("duration", duration));
            } catch (RuntimeException e) {
                // Closed meanwhile, or the target is going away: the heartbeat decides about that.
            }
        }
        lastLeaseNanos = System.nanoTime();
    }

    private LiveSession(JvmConnection connection, Options options, Listener listener, List<Detector> detectors)
            throws LiveException {
        this.connection = connection;
        this.options = options;
        this.listener = listener == null ? new Listener() { } : listener;
        this.detectors = List.copyOf(detectors);
        this.retained = new RetainedEvents(options.window().toNanos(), options.maxEvents());
        RecordingLayout placeholder = new RecordingLayout(0, List.of(), 0, null, false);
        this.decoder = new JdkRecordingReader.Decoder(placeholder, EventSink.all(retained, counters));
        try {
            this.ownWorkDirectory = options.workDirectory() == null;
            this.workDirectory = ownWorkDirectory ? Files.createTempDirectory("hashscope-live-")
                    : Files.createDirectories(options.workDirectory());
            this.streamDirectory = Files.createDirectories(workDirectory.resolve("stream"));
            this.mirror = new ChunkMirror(streamDirectory, workDirectory.resolve("kept"));
        } catch (IOException e) {
            throw new LiveException("cannot create a directory for the streamed recording: " + e.getMessage(), e);
        }
        try {
            this.recorder = javax.management.JMX.newMXBeanProxy(connection.server(),
                    new javax.management.ObjectName(JvmConnector.FLIGHT_RECORDER_MBEAN), FlightRecorderMXBean.class);
            java.util.Set<Long> before = recordingIds();
            this.leaseStart = System.nanoTime();
            this.stream = new RemoteRecordingStream(connection.server(), streamDirectory);
            for (RecordingInfo r : recorder.getRecordings()) {
                if (!before.contains(r.getId()) && r.getName().startsWith("Remote Recording Stream")) {
                    leased.add(r.getId());
                }
            }
        } catch (IOException | RuntimeException | javax.management.MalformedObjectNameException e) {
            throw new LiveException("the target refused to start a recording: " + JvmConnector.rootMessage(e), e);
        }
        this.status = new Status(State.STREAMING, started, "");
        this.scheduler = Executors.newSingleThreadScheduledExecutor(Daemons.factory("hashscope-live-ticks"));
        this.jmxCalls = Executors.newCachedThreadPool(Daemons.factory("hashscope-live-jmx"));
        this.connectionListener = this::connectionNotice;
    }

    /**
     * Starts streaming from an open connection (which the session then owns and closes).
     *
     * @throws LiveException when the target cannot record or stream (the connection is closed then)
     */
    public static LiveSession start(JvmConnection connection, Options options, Listener listener)
            throws LiveException {
        return start(connection, options, listener, Analyzer.loadDetectors());
    }

    public static LiveSession start(JvmConnection connection, Options options, Listener listener,
                                    List<Detector> detectors) throws LiveException {
        LiveSession s;
        try {
            s = new LiveSession(connection, options, listener, detectors);
        } catch (LiveException e) {
            connection.close();
            throw e;
        }
        try {
            s.begin();
        } catch (LiveException | RuntimeException e) {
            s.close();
            throw e instanceof LiveException le ? le
                    : new LiveException("starting the stream failed: " + JvmConnector.rootMessage(e), e);
        }
        return s;
    }

    private void begin() throws LiveException {
        Map<String, String> settings = new HashMap<>(hashscopeSettings());
        settings.putAll(options.extraSettings());
        if (options.methodTiming() && connection.info().featureVersion() >= METHOD_TIMING_FEATURE) {
            settings.put("jdk.MethodTiming#enabled", "true");
            settings.put("jdk.MethodTiming#filter", String.join(";", TIMED_MAP_METHODS));
            settings.put("jdk.MethodTiming#period", "1 s");
        }
        stream.setSettings(settings);
        stream.onMetadata(m -> {
            synchronized (lock) {
                m.getEventTypes().forEach(t -> decoder.typeName(t.getId(), t.getName()));
            }
        });
        stream.onEvent(this::onEvent);
        stream.onEvent("jdk.MethodTiming", this::onMethodTiming);
        stream.onError(e -> disconnect("the stream failed: " + JvmConnector.rootMessage(e)));
        try {
            connection.connector().addConnectionNotificationListener(connectionListener, null, null);
        } catch (RuntimeException ignored) {
            // The heartbeat notices a dead peer anyway.
        }
        stream.startAsync();
        startFlushRecording();
        renewLease();
        if (options.flushInterval() != null) {
            LocalFlushNudge.acquire(options.flushInterval().dividedBy(2));
            nudging = true;
        }
        long beat = Math.max(50, options.heartbeat().toMillis());
        scheduler.scheduleWithFixedDelay(this::heartbeat, beat, beat, TimeUnit.MILLISECONDS);
        long refresh = Math.max(50, options.refresh().toMillis());
        scheduler.scheduleWithFixedDelay(this::tick, refresh, refresh, TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(this::syncMirror, 100, 200, TimeUnit.MILLISECONDS);
    }

    /** {@code hashscope.jfc} as stream settings: the low lock thresholds and dense allocation sampling. */
    public static Map<String, String> hashscopeSettings() {
        try (Reader r = new InputStreamReader(Objects.requireNonNull(
                LiveSession.class.getResourceAsStream("/dev/hashscope/hashscope.jfc")), StandardCharsets.UTF_8)) {
            return Configuration.create(r).getSettings();
        } catch (IOException | ParseException e) {
            throw new IllegalStateException("the bundled hashscope.jfc cannot be read", e);
        }
    }

    private void onEvent(RecordedEvent e) {
        received.incrementAndGet();
        long now = System.currentTimeMillis();
        synchronized (lock) {
            if (status.state() == State.CLOSED) {
                return;
            }
            decoder.accept(e);
            Instant end = e.getEndTime();
            if (end != null) {
                lag.record(now - end.toEpochMilli());
            }
        }
        dirty = true;
    }

    private void onMethodTiming(RecordedEvent e) {
        RecordedMethod m = e.hasField("method") ? e.getValue("method") : null;
        if (m == null) {
            return;
        }
        String name = m.getType().getName() + "." + m.getName();
        MethodTiming t = new MethodTiming(name, longOf(e, "invocations"), nanosOf(e, "average"),
                nanosOf(e, "maximum"));
        synchronized (lock) {
            methodTimings.put(name, t);
            publishedTimings = List.copyOf(methodTimings.values());
        }
    }

    /**
     * The newest JDK 25+ method timings of the map methods (empty when the target does not record them). Cheap
     * and never waits for a snapshot in progress, so a UI thread may call it.
     */
    public List<MethodTiming> methodTimings() {
        return publishedTimings;
    }

    private static long longOf(RecordedEvent e, String field) {
        return e.hasField(field) ? e.getLong(field) : 0;
    }

    private static long nanosOf(RecordedEvent e, String field) {
        if (!e.hasField(field)) {
            return 0;
        }
        Duration d = e.getDuration(field);
        return d == null || d.isNegative() ? 0 : d.toNanos();
    }

    private void tick() {
        if (dirty && status.state() == State.STREAMING) {
            dirty = false;
            publishTotals();
            try {
                listener.updated();
            } catch (RuntimeException ignored) {
                // A listener's bug must not stop the updates.
            }
        }
    }

    private void syncMirror() {
        try {
            synchronized (mirror) {
                mirror.sync();
            }
        } catch (IOException | RuntimeException ignored) {
            // Retried on the next tick.
        }
    }

    private void heartbeat() {
        if (status.state() != State.STREAMING) {
            return;
        }
        Future<Integer> answer = jmxCalls.submit(() -> {
            if (System.nanoTime() - lastLeaseNanos > LEASE.toNanos() / 4) {
                renewLease();
            }
            return connection.server().getMBeanCount();
        });
        try {
            answer.get(options.answerWithin().toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            answer.cancel(true);
            disconnect("the target did not answer within " + options.answerWithin().toSeconds()
                    + " s (frozen, or the network dropped)");
        } catch (java.util.concurrent.ExecutionException e) {
            disconnect("the target is gone: " + JvmConnector.rootMessage(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void connectionNotice(Notification n, Object handback) {
        if (n instanceof JMXConnectionNotification c && (JMXConnectionNotification.FAILED.equals(c.getType())
                || JMXConnectionNotification.CLOSED.equals(c.getType()))) {
            disconnect("the JMX connection " + (JMXConnectionNotification.FAILED.equals(c.getType())
                    ? "failed" : "was closed"));
        }
    }

    private void disconnect(String reason) {
        synchronized (lock) {
            if (status.state() != State.STREAMING) {
                return;
            }
            status = new Status(State.DISCONNECTED, Instant.now(), reason);
        }
        syncMirror();
        publishTotals();
        stopStreamInBackground();
        try {
            listener.disconnected(status);
        } catch (RuntimeException ignored) {
            // As in tick().
        }
    }

    /**
     * Stops streaming at the user's request: the target's recording is closed, and everything received stays
     * here for snapshots and {@link #save} until {@link #close}.
     */
    public void stop() {
        disconnect("stopped by the user");
    }

    private String flushRecordingName;
    private boolean nudging;

    private void startFlushRecording() {
        if (options.flushInterval() == null) {
            return;
        }
        String name = FLUSH_RECORDING + "-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        try {
            java.util.Set<Long> before = recordingIds();
            diagnosticCommand("jfrStart", "name=" + name, "settings=none",
                    "flush-interval=" + Math.max(1, options.flushInterval().toMillis()) + "ms");
            flushRecordingName = name;
            for (RecordingInfo r : recorder.getRecordings()) {
                if (!before.contains(r.getId()) && r.getName().equals(name)) {
                    leased.add(r.getId());
                }
            }
        } catch (Exception e) {
            // An older or stricter target: events still arrive, about once a second.
        }
    }

    private void stopFlushRecording() {
        if (flushRecordingName != null) {
            try {
                diagnosticCommand("jfrStop", "name=" + flushRecordingName);
            } catch (Exception ignored) {
                // The target is gone or frozen; the recording records nothing and ends with the JVM.
            }
            flushRecordingName = null;
        }
    }

    private void diagnosticCommand(String operation, String... args) throws Exception {
        connection.server().invoke(new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"),
                operation, new Object[]{args}, new String[]{String[].class.getName()});
    }

    /** Closing the stream asks the target to close its recording, which a frozen target never answers. */
    private void stopStreamInBackground() {
        Daemons.start("hashscope-live-stop", () -> {
            stopFlushRecording();
            try {
                stream.close();
            } catch (RuntimeException ignored) {
                // Gone already.
            }
            connection.close();
        });
    }

    // ---- queries ----

    public TargetInfo target() {
        return connection.info();
    }

    public LiveTarget liveTarget() {
        return connection.target();
    }

    public Status status() {
        return status;
    }

    public Instant started() {
        return started;
    }

    /** Events received so far (cheap; no lock). */
    public long received() {
        return received.get();
    }

    /**
     * Whole-session totals as of the last update notice or snapshot (at most {@code refresh} old); never waits
     * for a snapshot in progress, so a UI thread may call it.
     */
    public SessionTotals totals() {
        return published;
    }

    private void publishTotals() {
        synchronized (lock) {
            published = counters.totals(decoder.counts());
        }
    }

    /** Milliseconds from an event's end in the target to its decoding here: {p50, p99, max}; same-host clocks. */
    public long[] lagMillis() {
        synchronized (lock) {
            return lag.percentiles();
        }
    }

    /**
     * The retained window analysed under {@code filter} (its time range in seconds from the session's first
     * event). With no time range, the analysed span is the rolling window.
     */
    public LiveSnapshot snapshot(EventFilter filter) {
        long t0 = System.nanoTime();
        synchronized (lock) {
            SessionTotals totals = counters.totals(decoder.counts());
            published = totals;
            long start = totals.firstEventNanos();
            long end = Math.max(start, totals.lastEventNanos());
            RecordingLayout layout = new RecordingLayout(0, totals.events() == 0 ? List.of()
                    : List.of(new RecordingLayout.ChunkHeader(0, 0, 2, 1, start, end - start, 0, 1_000_000_000L)),
                    0, null, false);
            long completeFrom = retained.completeFromNanos();
            double retainedFrom = completeFrom == Long.MIN_VALUE || totals.events() == 0 ? 0
                    : Math.max(0, (completeFrom - start) / 1e9);
            EventFilter effective = filter;
            if (!filter.filtersTime() && retainedFrom > 0) {
                effective = new EventFilter(filter.threadPattern(), Math.round(retainedFrom * 1e9), Long.MAX_VALUE);
            }
            ReadStats stats = new ReadStats(layout, totals.eventCounts());
            FlameTreeBuilder flames = new FlameTreeBuilder(EventFilter.ALL);
            LockTableBuilder locks = new LockTableBuilder();
            dev.hashscope.buckets.BucketHistoryBuilder buckets = new dev.hashscope.buckets.BucketHistoryBuilder();
            TimelineBuilder timeline = new TimelineBuilder();
            // The timeline shows the same threads over all that is kept: without a time range it is fed by the
            // analysis' own replay (as a file's is by its one pass), with one it needs a replay of its own.
            boolean timelineInMainPass = !effective.filtersTime();
            List<EventSink> views = new ArrayList<>(List.of(flames, locks, buckets));
            if (timelineInMainPass) {
                views.add(timeline);
            }
            Analyzer analyzer = new Analyzer(detectors, (file, sink) -> replay(sink, layout, stats));
            AnalysisResult result;
            try {
                result = analyzer.analyze(Path.of("live"), effective, views);
            } catch (UnreadableRecordingException e) {
                throw new IllegalStateException("a replay cannot fail to read", e);
            }
            if (!timelineInMainPass) {
                replay(FilteredSink.of(new EventFilter(filter.threadPattern(), Long.MIN_VALUE, Long.MAX_VALUE),
                        timeline), layout, stats);
            }
            List<MethodTiming> timings = new ArrayList<>(methodTimings.values());
            return new LiveSnapshot(connection.info(), status, result, flames.trees(), timeline.timeline(),
                    locks.table(), buckets.history(), totals, retainedFrom, retained.size(), retained.dropped(), timings,
                    (System.nanoTime() - t0) / 1_000_000);
        }
    }

    private ReadStats replay(EventSink sink, RecordingLayout layout, ReadStats stats) {
        sink.begin(layout, decoder.symbols());
        retained.replay(sink);
        sink.end(stats);
        return stats;
    }

    /** The chunks received so far, as one .jfr that Hashscope and other JFR tools open; works after a disconnect. */
    public int save(Path destination) throws IOException {
        synchronized (mirror) {
            mirror.sync();
            return mirror.save(destination);
        }
    }

    @Override
    public void close() {
        boolean wasStreaming;
        synchronized (lock) {
            if (status.state() == State.CLOSED) {
                return;
            }
            wasStreaming = status.state() == State.STREAMING;
            status = new Status(State.CLOSED, Instant.now(), "");
        }
        scheduler.shutdownNow();
        if (nudging) {
            nudging = false;
            LocalFlushNudge.release();
        }
        try {
            connection.connector().removeConnectionNotificationListener(connectionListener);
        } catch (Exception ignored) {
            // Not registered, or the connector is gone.
        }
        if (wasStreaming) {
            stopStreamInBackground();
        }
        jmxCalls.shutdownNow();
        synchronized (mirror) {
            mirror.delete();
        }
        if (ownWorkDirectory) {
            deleteQuietly(workDirectory);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // The stream may still hold a file for a moment; the temp directory is the OS's to clean.
                }
            });
        } catch (IOException ignored) {
            // As above.
        }
    }

    /** Arrival lag of the most recent events, in a fixed ring. */
    static final class LagRecorder {
        private final long[] ring = new long[4096];
        private int n;

        void record(long millis) {
            ring[n++ % ring.length] = Math.max(0, millis);
        }

        long[] percentiles() {
            int size = Math.min(n, ring.length);
            if (size == 0) {
                return new long[]{0, 0, 0};
            }
            long[] copy = Arrays.copyOf(ring, size);
            Arrays.sort(copy);
            return new long[]{copy[size / 2], copy[Math.min(size - 1, (int) (size * 0.99))], copy[size - 1]};
        }
    }

}
