package dev.hashscope.app.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hashscope.app.MainViewModel;
import dev.hashscope.app.analysis.AnalysisSnapshot;
import dev.hashscope.app.analysis.RecordingAnalysis;
import dev.hashscope.app.task.ExecutorTaskRunner;
import dev.hashscope.detect.Severity;
import dev.hashscope.live.JvmConnector;
import dev.hashscope.live.LiveSession;
import dev.hashscope.live.LiveTarget;
import dev.hashscope.samples.HashtableContention;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live view-model against a real target: a child JVM running the Hashtable workload. The views must show the
 * contention while it streams, keep it when the target is killed, say "Disconnected", save what arrived, and a
 * thread filter must apply to the live views. Runs without the FX toolkit: a single "ui" thread stands in.
 */
class LiveViewModelTest {
    @TempDir
    Path tmp;

    private final ExecutorService ui = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-ui"));
    private final ExecutorService workers = Executors.newFixedThreadPool(2);
    private Process child;

    @AfterEach
    void tearDown() throws Exception {
        if (child != null) {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        workers.shutdown();
        workers.awaitTermination(20, TimeUnit.SECONDS);
        ui.shutdown();
        ui.awaitTermination(10, TimeUnit.SECONDS);
    }

    /** JDK 25 targets time the map methods themselves; the live bar says so in one line (none: no line). */
    @Test
    void methodTimingsReadAsOneLine() {
        assertEquals("", LiveViewModel.describeTimings(List.of()));
        assertEquals("Timed by the JVM: HashMap.resize 1,204 calls, avg 2.1 µs, max 1.3 ms"
                        + " · ConcurrentHashMap.transfer 1 call, avg 950 ns, max 950 ns",
                LiveViewModel.describeTimings(List.of(
                        new dev.hashscope.live.MethodTiming("java.util.HashMap.resize", 1204, 2_100, 1_300_000),
                        new dev.hashscope.live.MethodTiming("java.util.HashMap.treeifyBin", 0, 0, 0),
                        new dev.hashscope.live.MethodTiming("java.util.concurrent.ConcurrentHashMap.transfer", 1, 950,
                                950))));
    }

    @Test
    void showsTheContentionLiveKeepsItWhenTheTargetDiesAndSavesIt() throws Exception {
        child = startWorkload();
        ExecutorTaskRunner runner = new ExecutorTaskRunner(workers, ui);
        MainViewModel main = onUi(() -> new MainViewModel(runner, new RecordingAnalysis(), null));
        LiveSession.Options options = LiveSession.Options.defaults()
                .withTimeouts(Duration.ofMillis(500), Duration.ofSeconds(3));
        LiveViewModel live = onUi(() -> new LiveViewModel(main, runner, ui, (target, listener) ->
                LiveSession.start(connectWithRetry(target), options, listener)));

        onUi(() -> {
            live.attach(new LiveTarget.Local(child.pid()));
            return null;
        });
        await("a live warning for the Hashtable workload", Duration.ofSeconds(45), () -> onUiQuiet(() -> {
            AnalysisSnapshot s = main.snapshotProperty().get();
            return s != null && s.result().findings().stream().anyMatch(LiveViewModelTest::contention);
        }));
        assertTrue(onUi(main::showingLive));
        assertTrue(onUi(() -> live.stateProperty().get()).startsWith("Live: pid " + child.pid()),
                onUi(() -> live.stateProperty().get()));

        // A thread filter applies to the live views: no worker thread is called "nobody".
        onUi(() -> main.setThreadFilter("nobody"));
        await("the filtered live view", Duration.ofSeconds(20), () -> onUiQuiet(() -> {
            AnalysisSnapshot s = main.snapshotProperty().get();
            return s != null && "nobody".equals(s.request().threadRegex()) && s.result().findings().stream()
                    .noneMatch(LiveViewModelTest::contention);
        }));
        onUi(() -> main.setThreadFilter(""));

        // Pausing holds the display; events keep arriving.
        onUi(() -> {
            live.setPaused(true);
            return null;
        });
        long before = onUi(() -> live.session().totals().events());
        Thread.sleep(2500);
        assertTrue(onUi(() -> live.session().totals().events()) > before, "events keep arriving while paused");
        onUi(() -> {
            live.setPaused(false);
            return null;
        });

        child.destroyForcibly();
        await("the disconnected state", Duration.ofSeconds(20),
                () -> onUiQuiet(() -> live.stateProperty().get().startsWith("Disconnected at")));
        assertFalse(onUi(() -> live.streamingProperty().get()));
        assertTrue(onUi(live::canReconnect));
        // The views keep what arrived.
        AnalysisSnapshot kept = onUi(() -> main.snapshotProperty().get());
        assertNotNull(kept);
        assertTrue(kept.result().findings().stream().anyMatch(LiveViewModelTest::contention));

        Path saved = tmp.resolve("kept.jfr");
        onUi(() -> {
            live.save(saved);
            return null;
        });
        await("the saved recording", Duration.ofSeconds(20), () -> Files.exists(saved));
        assertTrue(Files.size(saved) > 1000);
        // It opens again as a file, with the same finding.
        onUi(() -> {
            main.open(saved);
            return null;
        });
        await("the saved recording analysed", Duration.ofSeconds(30), () -> onUiQuiet(() -> {
            AnalysisSnapshot s = main.snapshotProperty().get();
            return s != null && s.request().file().equals(saved);
        }));
        assertFalse(onUi(main::showingLive));
        assertTrue(onUi(() -> main.snapshotProperty().get().result().findings().stream()
                .anyMatch(LiveViewModelTest::contention)), "the reopened recording shows the contention");
        assertFalse(onUi(() -> live.activeProperty().get()), "opening a file closes the session");
    }

    /**
     * The Hashtable/synchronizedMap contention, as a warning or information (its share of the threads' time
     * depends on how busy the machine is; finding it live is the point).
     */
    private static boolean contention(dev.hashscope.detect.Finding f) {
        return f.detector().equals("map.monitor-contention")
                && (f.severity() == Severity.WARNING || f.severity() == Severity.INFO);
    }

    private static Process startWorkload() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = new File(HashtableContention.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .getPath();
        return new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-Dhashscope.sample.seconds=120", "-cp", cp,
                HashtableContention.class.getName()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static dev.hashscope.live.JvmConnection connectWithRetry(LiveTarget target)
            throws dev.hashscope.live.LiveException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try {
                return new JvmConnector(Duration.ofSeconds(10)).connect(target);
            } catch (dev.hashscope.live.LiveException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(300); // the child is still starting
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private <T> T onUi(Callable<T> c) throws Exception {
        return ui.submit(c).get(30, TimeUnit.SECONDS);
    }

    private boolean onUiQuiet(Callable<Boolean> c) {
        try {
            return onUi(c);
        } catch (Exception e) {
            return false;
        }
    }

    private static void await(String what, Duration within, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no " + what + " within " + within.toSeconds() + " s");
    }
}
