package dev.hashscope.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.hashscope.detect.AnalysisResult;
import dev.hashscope.detect.Analyzer;
import dev.hashscope.detect.Finding;
import dev.hashscope.event.EventSink;
import dev.hashscope.event.JdkRecordingReader;
import dev.hashscope.flame.CollapsedStacks;
import dev.hashscope.flame.EventFilter;
import dev.hashscope.flame.FlameKind;
import dev.hashscope.flame.FlameTree;
import dev.hashscope.flame.FlameTreeBuilder;
import dev.hashscope.flame.HtmlFlameGraph;
import dev.hashscope.report.ReportJson;
import dev.hashscope.report.ReportMarkdown;
import dev.hashscope.report.ReportText;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real recording of code whose class, method and thread names are hostile ({@link HostileNames}), through the
 * whole pipeline: the names survive reading exactly (both readers), are data in JSON, never markup in Markdown
 * or the HTML flame graph, and cannot break a collapsed-stacks line.
 */
class HostileNamesTest {
    @TempDir
    static Path dir;
    static Path recording;
    static AnalysisResult result;
    static FlameTreeBuilder trees;

    @BeforeAll
    static void record() throws Exception {
        recording = HostileNames.record(dir);
        trees = new FlameTreeBuilder(EventFilter.ALL);
        result = Analyzer.standard().analyze(recording, EventFilter.ALL, List.<EventSink>of(trees));
    }

    static Finding contention() {
        return result.findings().stream().filter(f -> f.detector().equals("map.monitor-contention")).findFirst()
                .orElseThrow();
    }

    @Test
    void bothReadersKeepTheNamesExactly() throws Exception {
        // The lock tree has the frame for certain (the stall is made deterministic); CPU samples need a scheduler.
        assertTrue(labels(trees.tree(FlameKind.LOCK)).contains(HostileNames.FRAME), "lock tree has the hostile frame");
        FlameTreeBuilder jdk = new FlameTreeBuilder(EventFilter.ALL);
        new JdkRecordingReader().read(recording, jdk);
        assertEquals(CollapsedStacks.toString(trees.tree(FlameKind.LOCK)),
                CollapsedStacks.toString(jdk.tree(FlameKind.LOCK)));
        FlameTreeBuilder byThread = new FlameTreeBuilder(EventFilter.of(
                java.util.regex.Pattern.quote(HostileNames.THREAD), null, null));
        new JdkRecordingReader().read(recording, byThread);
        assertTrue(byThread.tree(FlameKind.LOCK).total(0) > 0, "the hostile thread's name matches itself literally");
    }

    @Test
    void theFindingNamesTheHostileCallSite() {
        Finding f = contention();
        assertTrue(f.evidence().callSites().stream().anyMatch(s -> s.frame().startsWith(HostileNames.FRAME + ":")),
                f.evidence().callSites().toString());
    }

    @Test
    void jsonCarriesTheNamesAsDataAndEscapesControlCharacters() {
        String json = ReportJson.toJson(result, HostileNames.CLASS + ".jfr");
        for (char c : new char[]{'\u0007', '\u2028', '\u2029'}) {
            assertFalse(json.indexOf(c) >= 0, () -> "raw " + Integer.toHexString(c) + " in the JSON report");
        }
        JsonObject root = JsonParser.parseString(json).getAsJsonObject();
        List<String> frames = new ArrayList<>();
        for (JsonElement f : root.getAsJsonArray("findings")) {
            JsonObject ev = f.getAsJsonObject().getAsJsonObject("evidence");
            JsonArray sites = ev == null ? null : ev.getAsJsonArray("callSites");
            if (sites != null) {
                sites.forEach(s -> frames.add(s.getAsJsonObject().get("frame").getAsString()));
            }
        }
        assertTrue(frames.stream().anyMatch(s -> s.startsWith(HostileNames.FRAME + ":")), frames.toString());
    }

    @Test
    void markdownNeverTurnsANameIntoMarkupOrExtraLines() {
        String md = ReportMarkdown.render(result, "hostile.jfr");
        String outsideCode = md.lines().filter(l -> !l.startsWith("    "))
                .map(l -> l.replaceAll("(`+)[^`].*?\\1", "")).reduce("", (a, b) -> a + b + "\n");
        assertFalse(outsideCode.contains("<"), outsideCode);
        for (char c : new char[]{'\u0007', '\u2028', '\u2029', '\u202e'}) {
            assertFalse(md.indexOf(c) >= 0, () -> "raw " + Integer.toHexString(c) + " in Markdown");
        }
        // The method's '\n#h' must not start a heading, nor its '|' split a table row.
        assertFalse(md.lines().anyMatch(l -> l.startsWith("#h")), md);
        for (String row : md.lines().filter(l -> l.startsWith("| ") && l.contains("evil")).toList()) {
            String header = md.lines().takeWhile(l -> !l.equals(row)).filter(l -> l.startsWith("| ")).reduce((a, b) -> b)
                    .orElse(row);
            assertEquals(header.split("(?<!\\\\)\\|", -1).length, row.split("(?<!\\\\)\\|", -1).length, row);
        }
        assertTrue(md.contains("evil"), "the hostile call site is in the report");
    }

    @Test
    void textReportKeepsOneLinePerName() {
        String text = ReportText.render(result, "hostile.jfr");
        assertFalse(text.contains("\n#h"), "a newline in a name does not make a line of its own");
        assertFalse(text.indexOf('\u0007') >= 0 || text.indexOf('\u202e') >= 0);
        assertTrue(text.contains("evil"), text);
    }

    @Test
    void htmlFlameGraphHoldsNamesOnlyAsEscapedData() {
        for (FlameKind k : new FlameKind[]{FlameKind.CPU, FlameKind.LOCK}) {
            FlameTree t = trees.tree(k);
            assertTrue(k == FlameKind.CPU || labels(t).contains(HostileNames.FRAME), k + " tree has the frame");
            String html = HtmlFlameGraph.toString(t, HostileNames.THREAD);
            assertFalse(html.contains("<img"), "no markup from a class name");
            assertFalse(html.contains("<script>alert"), "no markup from the title");
            assertEquals(1, count(html, "</script"), "one script element, closed once");
            for (char c : new char[]{'\u0007', '\u2028', '\u2029', '\u202e'}) {
                assertFalse(html.indexOf(c) >= 0, () -> "raw " + Integer.toHexString(c) + " in the page");
            }
        }
    }

    @Test
    void collapsedStacksStayOneStackPerLine() {
        for (FlameKind k : new FlameKind[]{FlameKind.CPU, FlameKind.LOCK}) {
            String collapsed = CollapsedStacks.toString(trees.tree(k));
            assertTrue(k == FlameKind.CPU || collapsed.contains("onerror=alert"), k + ": the hostile frame is there");
            for (String line : collapsed.split("\n")) {
                assertTrue(line.matches("[^\\s;][^\\s]* \\d+"), k + ": not one stack and a weight: " + line);
            }
        }
    }

    static List<String> labels(FlameTree t) {
        List<String> out = new ArrayList<>();
        for (int n = 0; n < t.nodeCount(); n++) {
            out.add(t.label(n));
        }
        return out;
    }

    static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
