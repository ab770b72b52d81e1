package dev.hashscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hashscope.testing.InProcessRecording;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    @TempDir
    static Path dir;
    static Path recording;

    @BeforeAll
    static void record() throws Exception {
        recording = InProcessRecording.contentionAndWork(dir);
    }

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void summaryListsAnalysesAndEvents() {
        Result r = run("summary", recording.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Format     JFR 2."), r.out());
        assertTrue(r.out().matches("(?s).*Lock contention \\(monitors\\)\\s+yes\\s+\\d+ jdk.JavaMonitorEnter.*"), r.out());
        // The in-process recording has no CPU load events: the summary says what would add them.
        assertTrue(r.out().matches("(?s).*CPU load\\s+no\\s+needs jdk.CPULoad: enable jdk.CPULoad.*"), r.out());
        assertTrue(r.out().contains("jdk.ExecutionSample"), r.out());
    }

    @Test
    void flameWritesCollapsedStacksWhoseWeightsSumToTheEvents() {
        Result r = run("flame", recording.toString(), "--kind", "lock");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("java.util.Hashtable.put"), r.out());
        for (String line : r.out().split("\n")) {
            assertTrue(line.matches("\\S+ \\d+"), "collapsed line: " + line);
        }
    }

    @Test
    void flameFiltersByThread() {
        Result waiter = run("flame", recording.toString(), "--kind", "lock", "--thread", "hs-wait");
        Result nobody = run("flame", recording.toString(), "--kind", "lock", "--thread", "^no-such-thread$");
        assertEquals(0, waiter.code());
        assertTrue(waiter.out().contains("Hashtable.put"));
        assertEquals("", nobody.out());
        assertTrue(nobody.err().contains("no events for a lock tree"), nobody.err());
    }

    @Test
    void flameWritesHtmlToAFile() throws Exception {
        Path html = dir.resolve("cpu.html");
        Result r = run("flame", recording.toString(), "--kind", "cpu", "--format", "html", "-o", html.toString());
        assertEquals(0, r.code(), r.err());
        String page = Files.readString(html);
        assertTrue(page.startsWith("<!DOCTYPE html>") || page.startsWith("<!doctype html>"), page.substring(0, 40));
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertEquals(2, run().code());
        assertEquals(2, run("frobnicate").code());
        assertEquals(2, run("flame").code());
        assertEquals(2, run("flame", recording.toString(), "--kind", "heap").code());
        assertEquals(2, run("flame", recording.toString(), "--format", "svg").code());
        assertEquals(2, run("flame", recording.toString(), "--thread", "([").code());
        assertEquals(2, run("flame", recording.toString(), "--from", "5", "--to", "2").code());
        assertEquals(2, run("flame", recording.toString(), "--from", "soon").code());
        assertEquals(2, run("summary", recording.toString(), "--bogus").code());
        assertEquals(2, run("summary", "a.jfr", "b.jfr").code());
        Result r = run("flame", recording.toString(), "--kind", "heap");
        assertEquals("hashscope: unknown kind 'heap' (expected cpu, alloc, lock or park)\n", r.err());
    }

    @Test
    void unreadableInputExitsWithThreeAndOneLine() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.jfr"));
        Path text = Files.writeString(dir.resolve("notes.jfr"), "just some text\n");
        for (Path p : new Path[]{empty, text, dir.resolve("missing.jfr")}) {
            Result r = run("summary", p.toString());
            assertEquals(3, r.code(), p + ": " + r.err());
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().startsWith("hashscope: cannot read recording: "), r.err());
        }
    }

    @Test
    void truncatedRecordingIsAnalysedUpToItsLastCompleteChunk() throws Exception {
        Path twice = InProcessRecording.concat(dir.resolve("two.jfr"), recording, recording);
        Path cut = dir.resolve("cut.jfr");
        byte[] all = Files.readAllBytes(twice);
        Files.write(cut, java.util.Arrays.copyOf(all, all.length - 100));
        Result r = run("flame", cut.toString(), "--kind", "lock");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("analysed 1 complete chunk(s); skipped"), r.err());
        assertEquals(run("flame", recording.toString(), "--kind", "lock").out(), r.out());
        Result s = run("summary", cut.toString());
        assertTrue(s.out().contains("Truncated"), s.out());
    }

    @Test
    void analyzeWritesTextJsonAndMarkdown() throws Exception {
        Result text = run("analyze", recording.toString());
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().startsWith("in-process.jfr: "), text.out());
        Result json = run("analyze", recording.toString(), "--json");
        assertEquals(0, json.code(), json.err());
        var root = com.google.gson.JsonParser.parseString(json.out()).getAsJsonObject();
        assertEquals("hashscope.report/1", root.get("schema").getAsString());
        assertEquals("in-process.jfr", root.getAsJsonObject("recording").get("file").getAsString());
        Path md = dir.resolve("report.md");
        Result markdown = run("analyze", recording.toString(), "--markdown", "--thread", "hs-", "-o", md.toString());
        assertEquals(0, markdown.code(), markdown.err());
        assertTrue(Files.readString(md).startsWith("# Hashscope report: in-process.jfr"));
        assertEquals(2, run("analyze", recording.toString(), "--json", "--markdown").code());
        assertEquals(3, run("analyze", dir.resolve("missing.jfr").toString()).code());
    }

    @Test
    void helpPrintsUsage() {
        Result r = run("help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("Exit codes: 0 success, 2 usage error, 3 unreadable input, 4 live target unreachable"));
        assertTrue(r.out().contains("live TARGET"));
    }
}
