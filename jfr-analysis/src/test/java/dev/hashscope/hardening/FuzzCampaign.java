package dev.hashscope.hardening;

import dev.hashscope.detect.AnalysisResult;
import dev.hashscope.detect.Analyzer;
import dev.hashscope.detect.Detector;
import dev.hashscope.event.EventSink;
import dev.hashscope.event.JdkRecordingReader;
import dev.hashscope.event.UnreadableRecordingException;
import dev.hashscope.event.fast.FastRecordingReader;
import dev.hashscope.flame.CollapsedStacks;
import dev.hashscope.flame.EventFilter;
import dev.hashscope.flame.FlameKind;
import dev.hashscope.flame.FlameTree;
import dev.hashscope.flame.FlameTreeBuilder;
import dev.hashscope.flame.HtmlFlameGraph;
import dev.hashscope.locks.LockTableBuilder;
import dev.hashscope.report.ReportJson;
import dev.hashscope.report.ReportMarkdown;
import dev.hashscope.report.ReportText;
import dev.hashscope.timeline.TimelineBuilder;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * The mutation fuzzer's runner, and the command for long runs (test sources; {@code scripts/fuzz.sh}).
 *
 * <p>Each case is a damaged recording ({@link RecordingMutator}) put through everything a user's file goes
 * through: the full analysis on the standard fast reader (which hands what it cannot plan to the JDK's parser),
 * with the four flame trees, the lock table and the timeline fed in the same pass, every report (JSON, Markdown,
 * text), collapsed stacks and the HTML flame graph; then the same file on {@link JdkRecordingReader} into flame
 * trees. The only acceptable outcomes are a result or {@link UnreadableRecordingException} with a one-line
 * message; anything else thrown, and any case that takes longer than the bound, is a failure. The heap bound is
 * the JVM's {@code -Xmx} (an {@link OutOfMemoryError} is a failure like any other); the live heap after a full
 * GC at the end must be within a few MB of where it started (nothing retained between cases).
 *
 * <pre>
 *   scripts/fuzz.sh --cases 100000 --seed 7 [--timeout-ms 10000] [--save /tmp/fuzz-failures] [--corpus DIR]
 *   scripts/fuzz.sh --seed 7 --case 4711        # one case again, with its stack trace
 * </pre>
 */
public final class FuzzCampaign {
    /** How a case ended. */
    enum Outcome { READ, UNREADABLE, FAILED, TIMED_OUT }

    record Failure(long index, String description, Outcome outcome, String detail) {
    }

    /** What a run found: outcome counts, failures, the slowest case, the heap. */
    record Report(long seed, long cases, Map<Outcome, Long> counts, List<Failure> failures, long slowestMillis,
                  String slowest, long peakHeapBytes, long liveHeapBeforeBytes, long liveHeapAfterBytes) {
        String summary() {
            return String.format(Locale.ROOT, "fuzz seed %d: %d cases: %d read, %d unreadable, %d failed, %d timed out;"
                            + " slowest %d ms (%s); peak heap %.0f MB; live heap after GC %.1f MB before, %.1f MB after",
                    seed, cases, counts.getOrDefault(Outcome.READ, 0L), counts.getOrDefault(Outcome.UNREADABLE, 0L),
                    counts.getOrDefault(Outcome.FAILED, 0L), counts.getOrDefault(Outcome.TIMED_OUT, 0L), slowestMillis,
                    slowest, peakHeapBytes / 1e6, liveHeapBeforeBytes / 1e6, liveHeapAfterBytes / 1e6);
        }
    }

    /** Live heap after a full GC may grow this much over a run (class metadata, JIT), not with the cases. */
    static final long MAX_LIVE_GROWTH_BYTES = 16_000_000;

    private final RecordingMutator mutator;
    private final long timeoutMillis;
    /** The JDK's parser reads every this-many-th case (it is several times slower than the rest together). */
    private final int jdkEvery;
    private final Path work;
    private final List<Detector> detectors = Analyzer.loadDetectors();

    FuzzCampaign(RecordingMutator mutator, long timeoutMillis, int jdkEvery, Path work) {
        this.mutator = mutator;
        this.timeoutMillis = timeoutMillis;
        this.jdkEvery = jdkEvery;
        this.work = work;
    }

    /** Every {@code .jfr} file directly in {@code dir}, sorted by name: the base recordings. */
    static RecordingMutator corpus(Path dir) throws IOException {
        List<String> names = new ArrayList<>();
        List<byte[]> bytes = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".jfr")).sorted().toList()) {
                names.add(p.getFileName().toString());
                bytes.add(Files.readAllBytes(p));
            }
        }
        return new RecordingMutator(names, bytes);
    }

    /**
     * Runs cases {@code first .. first + count - 1} on {@code lanes} threads (case {@code i} on lane
     * {@code i % lanes}); failed inputs are written to {@code saveDir} when given. A case that overruns the bound
     * leaves its thread behind (a daemon); its lane goes on with a new one.
     */
    Report run(long seed, long first, long count, int lanes, Path saveDir) throws IOException, InterruptedException {
        Tally tally = new Tally();
        warmUp();
        long liveBefore = liveHeapAfterGc();
        resetPeaks();
        List<Thread> threads = new ArrayList<>();
        List<Throwable> laneErrors = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int lane = 0; lane < lanes; lane++) {
            int l = lane;
            Thread t = new Thread(() -> {
                try {
                    runLane(seed, first, count, lanes, l, saveDir, tally);
                } catch (Throwable e) {
                    laneErrors.add(e);
                }
            }, "fuzz-lane-" + lane);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        if (!laneErrors.isEmpty()) {
            throw new IOException("a fuzz lane failed", laneErrors.get(0));
        }
        long peak = peakHeap();
        List<Failure> failures = new ArrayList<>(tally.failures);
        failures.sort(java.util.Comparator.comparingLong(Failure::index));
        return new Report(seed, count, tally.counts, failures, tally.slowestMillis, tally.slowest, peak, liveBefore,
                liveHeapAfterGc());
    }

    /**
     * One undamaged recording through everything first, untimed: class loading and the first compilations would
     * otherwise be charged to the first cases against their time bound.
     */
    private void warmUp() throws IOException {
        Path file = work.resolve("warm-up.jfr");
        Files.write(file, mutator.base(0));
        try {
            analyse(file, true);
        } catch (Exception e) {
            throw new IOException("the undamaged recording " + file + " could not be analysed", e);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Outcomes of all lanes. */
    private static final class Tally {
        final Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
        final List<Failure> failures = new ArrayList<>();
        long slowestMillis = -1;
        String slowest = "";

        synchronized void add(long index, String description, Outcome outcome, String detail, long millis) {
            counts.merge(outcome, 1L, Long::sum);
            long done = counts.values().stream().mapToLong(Long::longValue).sum();
            if (done % 1000 == 0) {
                System.err.println("... " + done + " cases, " + failures.size() + " failures so far");
            }
            if (millis > slowestMillis) {
                slowestMillis = millis;
                slowest = "case " + index + ": " + description;
            }
            if (outcome == Outcome.FAILED || outcome == Outcome.TIMED_OUT) {
                failures.add(new Failure(index, description, outcome, detail));
            }
        }
    }

    private void runLane(long seed, long first, long count, int lanes, int lane, Path saveDir, Tally tally)
            throws IOException, InterruptedException {
        Thread[] caseThread = new Thread[1];
        ExecutorService worker = newWorker(caseThread);
        Path file = work.resolve("fuzz-lane" + lane + ".jfr");
        try {
            for (long i = first + lane; i < first + count; i += lanes) {
                RecordingMutator.Mutant m = mutator.mutant(seed, i);
                Files.write(file, m.bytes());
                long t0 = System.nanoTime();
                Path input = file;
                boolean jdk = i % jdkEvery == 0;
                Future<Outcome> f = worker.submit(() -> analyse(input, jdk));
                Outcome outcome;
                String detail = null;
                try {
                    outcome = f.get(timeoutMillis, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    detail = "no result within " + timeoutMillis + " ms; the case's thread was at:\n"
                            + stackOf(caseThread[0]);
                    f.cancel(true);
                    worker.shutdownNow();
                    worker = newWorker(caseThread);
                    outcome = Outcome.TIMED_OUT;
                    file = work.resolve("fuzz-lane" + lane + "-case" + i + ".jfr"); // the stuck one may hold it
                } catch (ExecutionException e) {
                    outcome = Outcome.FAILED;
                    detail = stackTrace(e.getCause());
                }
                tally.add(i, m.description(), outcome, detail, (System.nanoTime() - t0) / 1_000_000);
                if (saveDir != null && (outcome == Outcome.FAILED || outcome == Outcome.TIMED_OUT)) {
                    Files.createDirectories(saveDir);
                    Files.write(saveDir.resolve("seed" + seed + "-case" + i + ".jfr"), m.bytes());
                }
            }
        } finally {
            worker.shutdownNow();
            Files.deleteIfExists(file);
        }
    }

    /**
     * One input through everything a user's file goes through. Returns READ or UNREADABLE; throws for
     * anything else (the failure), including an unreadable-recording message that is blank or not one line.
     */
    Outcome analyse(Path file, boolean alsoJdkParser) throws Exception {
        try {
            FlameTreeBuilder flames = new FlameTreeBuilder(EventFilter.ALL);
            LockTableBuilder locks = new LockTableBuilder();
            TimelineBuilder timeline = new TimelineBuilder();
            AnalysisResult result = new Analyzer(detectors, new FastRecordingReader())
                    .analyze(file, EventFilter.ALL, List.<EventSink>of(flames, locks, timeline));
            for (FlameKind k : FlameKind.values()) {
                FlameTree t = flames.tree(k);
                CollapsedStacks.toString(t);
                HtmlFlameGraph.toString(t, k.name());
            }
            locks.table();
            timeline.timeline();
            ReportJson.toJson(result, file.getFileName().toString());
            ReportMarkdown.render(result, file.getFileName().toString());
            ReportText.render(result, file.getFileName().toString());
        } catch (UnreadableRecordingException e) {
            checkMessage(e);
            if (alsoJdkParser) {
                readWithJdkParser(file);
            }
            return Outcome.UNREADABLE;
        }
        if (alsoJdkParser) {
            readWithJdkParser(file);
        }
        return Outcome.READ;
    }

    /**
     * The same file on the JDK's parser. Its verdict may differ from the fast reader's (the JDK parser skips
     * some damage the fast one rejects, and the other way round); only how it fails matters here.
     */
    private static void readWithJdkParser(Path file) throws Exception {
        FlameTreeBuilder trees = new FlameTreeBuilder(EventFilter.ALL);
        try {
            new JdkRecordingReader().read(file, trees);
            for (FlameKind k : FlameKind.values()) {
                CollapsedStacks.toString(trees.tree(k));
            }
        } catch (UnreadableRecordingException e) {
            checkMessage(e);
        }
    }

    private static void checkMessage(UnreadableRecordingException e) {
        String m = e.getMessage();
        if (m == null || m.isBlank() || m.contains("\n") || m.contains("\r")) {
            throw new AssertionError("the unreadable-recording message must be one non-blank line: " + m, e);
        }
    }

    private static ExecutorService newWorker(Thread[] holder) {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-case");
            t.setDaemon(true);
            holder[0] = t;
            return t;
        });
    }

    /** Where a case that overran its bound is stuck. */
    private static String stackOf(Thread t) {
        StringBuilder sb = new StringBuilder();
        if (t != null) {
            for (StackTraceElement el : t.getStackTrace()) {
                sb.append("\tat ").append(el).append('\n');
            }
        }
        return sb.toString();
    }

    private static String stackTrace(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }

    static long liveHeapAfterGc() {
        System.gc();
        System.gc();
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                used += pool.getUsage().getUsed();
            }
        }
        return used;
    }

    private static void resetPeaks() {
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    /**
     * {@code --cases N --seed S [--first I] [--case I] [--timeout-ms MS] [--corpus DIR] [--save DIR]}: prints one
     * summary line, each failure with its case number, description and stack trace; exits 1 on any failure.
     */
    public static void main(String[] args) throws Exception {
        long cases = 2000;
        long seed = 1;
        long first = 0;
        long timeout = 10_000;
        int jdkEvery = 1;
        int lanes = Runtime.getRuntime().availableProcessors();
        Path corpus = Path.of("sample-recordings", "recordings");
        if (!Files.isDirectory(corpus)) {
            corpus = Path.of("..", "sample-recordings", "recordings");
        }
        Path save = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (a) {
                case "--cases" -> cases = Long.parseLong(v);
                case "--seed" -> seed = Long.parseLong(v);
                case "--first" -> first = Long.parseLong(v);
                case "--case" -> {
                    first = Long.parseLong(v);
                    cases = 1;
                }
                case "--timeout-ms" -> timeout = Long.parseLong(v);
                case "--jdk-every" -> jdkEvery = Integer.parseInt(v);
                case "--lanes" -> lanes = Integer.parseInt(v);
                case "--corpus" -> corpus = Path.of(v);
                case "--save" -> save = Path.of(v);
                default -> {
                    System.err.println("usage: FuzzCampaign [--cases N] [--seed S] [--first I | --case I]"
                            + " [--timeout-ms MS] [--jdk-every N] [--lanes N] [--corpus DIR] [--save DIR]");
                    System.exit(2);
                }
            }
            i++;
        }
        Path work = Files.createTempDirectory("hashscope-fuzz");
        FuzzCampaign campaign = new FuzzCampaign(corpus(corpus), timeout, jdkEvery, work);
        Report report = campaign.run(seed, first, cases, lanes, save);
        for (Failure f : report.failures()) {
            System.out.println("FAILURE case " + f.index() + " (" + f.outcome() + "): " + f.description());
            System.out.println(f.detail());
        }
        System.out.println(report.summary());
        long growth = report.liveHeapAfterBytes() - report.liveHeapBeforeBytes();
        boolean leaked = growth > MAX_LIVE_GROWTH_BYTES;
        if (leaked) {
            System.out.println("FAILURE: the live heap grew by " + growth / 1_000_000 + " MB over the run");
        }
        try (Stream<Path> left = Files.list(work)) {
            for (Path p : left.toList()) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(work);
        System.exit(report.failures().isEmpty() && !leaked ? 0 : 1);
    }
}
