package dev.hashscope.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.hashscope.detect.AnalysisResult;
import dev.hashscope.detect.Evidence;
import dev.hashscope.detect.Finding;
import dev.hashscope.detect.Severity;
import dev.hashscope.detect.Unit;
import dev.hashscope.event.RecordingLayout;
import dev.hashscope.flame.EventFilter;
import dev.hashscope.summary.RecordingSummary;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ReportsTest {
    static final String HOSTILE = "com.evil.</script><script>alert(\"x\")</script>|`rm`*_[a](b)\n#h\u0007\u2028";

    static AnalysisResult result() {
        RecordingLayout layout = new RecordingLayout(1234, List.of(new RecordingLayout.ChunkHeader(0, 1234, 2, 1,
                1_700_000_000_123_456_789L, 5_000_000_000L, 0, 1_000_000_000L)), 0, null, false);
        RecordingSummary summary = new RecordingSummary(layout, null, new TreeMap<>(), Map.of(), 0, List.of());
        Evidence e = Evidence.builder()
                .metric("blocked total", 1.23456789e9, Unit.NANOS)
                .callSite(new Evidence.CallSite(HOSTILE + ".run:1", "Hashtable", "put", List.of(HOSTILE + ".run:1",
                        "java.util.Hashtable.put:479"), 12, 3.5e8, Unit.NANOS, 1_000_000L, 9_000_000L, 12_000_000L, 4,
                        0.123456))
                .monitor(new Evidence.Monitor("java.util.Hashtable", 0x7f00ff, 12, 350_000_000L, 12_000_000L, null))
                .window(new Evidence.TimeWindow(1.23456, 2.5, "burst of " + HOSTILE))
                .note("threshold was 20 ms")
                .build();
        Finding warn = Finding.scored("map.monitor-contention", 88, "Hashtable contention at " + HOSTILE,
                "summary " + HOSTILE, "explanation", "fix " + HOSTILE, e);
        Finding ok = Finding.ok("map.boxing", "No boxing", "looked at 10 samples", Evidence.NONE);
        Finding na = new Finding("map.lock-park", Severity.NOT_APPLICABLE, 0, "Park: not applicable",
                "no jdk.ThreadPark", "", "Record again: enable jdk.ThreadPark.", Evidence.NONE);
        return new AnalysisResult(summary, EventFilter.ALL, List.of(warn, ok, na));
    }

    @Test
    void jsonFollowsTheSchemaAndRoundTripsHostileNames() {
        String json = ReportJson.toJson(result(), "x.jfr");
        JsonObject root = JsonParser.parseString(json).getAsJsonObject();
        assertEquals("hashscope.report/1", root.get("schema").getAsString());
        assertEquals("2023-11-14T22:13:20.123Z", root.getAsJsonObject("recording").get("start").getAsString());
        assertEquals(5, root.getAsJsonObject("recording").get("durationSeconds").getAsInt());
        var f = root.getAsJsonArray("findings").get(0).getAsJsonObject();
        assertEquals("WARNING", f.get("severity").getAsString());
        assertEquals("Hashtable contention at " + HOSTILE, f.get("title").getAsString(), "JSON keeps names exactly");
        var site = f.getAsJsonObject("evidence").getAsJsonArray("callSites").get(0).getAsJsonObject();
        assertEquals("0.1235", site.get("share").getAsString(), "rounded to 4 places");
        assertEquals("1234567890", f.getAsJsonObject("evidence").getAsJsonArray("metrics").get(0).getAsJsonObject()
                .get("value").getAsString());
        assertFalse(json.contains("\u0007") || json.contains("\u2028"), "control characters are escaped");
        assertEquals(json, ReportJson.toJson(result(), "x.jfr"), "same input, same bytes");
    }

    @Test
    void markdownNeverLetsANameBecomeMarkup() {
        String md = ReportMarkdown.render(result(), "x.jfr");
        // CommonMark never parses HTML inside code spans or indented code blocks; everywhere else no raw '<'.
        String outsideCode = md.lines().filter(l -> !l.startsWith("    "))
                .map(l -> l.replaceAll("(`+)[^`].*?\\1", "")).reduce("", (a, b) -> a + b + "\n");
        assertFalse(outsideCode.contains("<"), outsideCode);
        assertFalse(md.contains("\u0007"));
        assertTrue(md.contains("&lt;/script&gt;&lt;script&gt;"), md);
        // In the call-site table the name is a code span; its '|' must not split the row: 8 columns, 10 parts.
        String row = md.lines().filter(l -> l.startsWith("| `") || l.startsWith("| ``")).findFirst().orElseThrow();
        assertEquals(10, row.split("(?<!\\\\)\\|", -1).length, row);
        assertTrue(md.contains("## WARNING (88)"), md);
        assertTrue(md.contains("**NOT_APPLICABLE** Park: not applicable"), md);
    }

    @Test
    void textShowsWarningsInFullAndTheRestInOneLine() {
        String text = ReportText.render(result(), "x.jfr");
        assertTrue(text.contains("WARNING  88  Hashtable contention at"), text);
        assertTrue(text.contains("Fix: fix "), text);
        assertTrue(text.contains("N/A          Park: not applicable: no jdk.ThreadPark"), text);
        assertTrue(text.contains("OK           No boxing: looked at 10 samples"), text);
    }

    @Test
    void markdownCodeSpansSurviveBackticks() {
        assertEquals("`a`", Markdown.code("a", false));
        assertEquals("``a`b``", Markdown.code("a`b", false));
        assertEquals("`` `x ``", Markdown.code("`x", false));
        assertEquals("`a\\|b`", Markdown.code("a|b", true));
    }
}
