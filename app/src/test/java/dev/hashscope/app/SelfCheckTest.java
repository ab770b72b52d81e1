package dev.hashscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hashscope.detect.AnalysisResult;
import dev.hashscope.detect.Analyzer;
import dev.hashscope.flame.EventFilter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** The installers' self-check, on the tests' headless glass (Monocle): what it accepts and what it rejects. */
@ExtendWith(ApplicationExtension.class)
class SelfCheckTest {
    @TempDir
    Path tmp;

    @AfterEach
    void closeWindows() throws Exception {
        FxToolkit.cleanupStages();
    }

    @Test
    void passesWhenTheWindowShowsEveryFindingWithTheTopOneFirst() throws Exception {
        Path png = tmp.resolve("shot.png");
        SelfCheck.Report r = check(Samples.hashtable(), png).get(60, TimeUnit.SECONDS);

        AnalysisResult engine = Analyzer.standard().analyze(Samples.hashtable(), EventFilter.ALL);
        assertEquals(engine.findings().size(), r.findings());
        assertEquals(engine.findings().get(0).title(), r.topTitle());
        assertTrue(r.rowInk() >= SelfCheck.MIN_ROW_INK, "first row ink " + r.rowInk());
        assertTrue(r.line().startsWith("SELF-CHECK OK " + engine.findings().size() + " findings in "
                + "hashtable-contention.jfr; first row \"Hashtable contention at Inventory.record"), r.line());
        assertTrue(Files.size(png) > 10_000, "a PNG of the window was written");
    }

    @Test
    void failsWithTheReasonWhenTheFileIsNotARecording() throws Exception {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> check(Samples.notJfr(tmp), null).get(60, TimeUnit.SECONDS));
        assertTrue(e.getCause().getMessage().startsWith("cannot open notes.jfr: "), e.getCause().getMessage());
    }

    @Test
    void commandLineRejectsMissingArgumentsAndFilesWithoutStartingJavaFx() {
        assertEquals(SelfCheck.USAGE, run());
        assertEquals(SelfCheck.USAGE, run("--timeout", "soon", "x.jfr"));
        assertEquals(SelfCheck.FAILED, run(tmp.resolve("missing.jfr").toString()));
    }

    @Test
    void inkIsTheShareOfPixelsThatDifferFromTheBackground() {
        int[] blank = new int[400];
        Arrays.fill(blank, 0xFFFFFFFF);
        assertEquals(0.0, SelfCheck.inkShare(blank));
        int[] text = blank.clone();
        Arrays.fill(text, 0, 30, 0xFF202020);
        Arrays.fill(text, 30, 40, 0xFFE05020);
        assertEquals(0.1, SelfCheck.inkShare(text), 1e-9);
        assertEquals(0.0, SelfCheck.inkShare(new int[0]));
    }

    private static CompletableFuture<SelfCheck.Report> check(Path file, Path png) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> SelfCheck.check(new Stage(), file, png)).get(30, TimeUnit.SECONDS);
    }

    private static int run(String... args) {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        return SelfCheck.run(List.of(args), sink, sink);
    }
}
