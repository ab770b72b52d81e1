package dev.hashscope.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hashscope.event.EventKind;
import dev.hashscope.event.EventSink;
import dev.hashscope.event.JdkRecordingReader;
import dev.hashscope.event.ReadStats;
import dev.hashscope.event.RecordingReader;
import dev.hashscope.event.UnreadableRecordingException;
import dev.hashscope.flame.CollapsedStacks;
import dev.hashscope.flame.EventFilter;
import dev.hashscope.flame.FlameKind;
import dev.hashscope.flame.FlameTree;
import dev.hashscope.flame.FlameTreeBuilder;
import dev.hashscope.testing.InProcessRecording;
import dev.hashscope.testing.Recordings;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeSet;
import jdk.jfr.Category;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inputs that are valid JFR but awkward: cut anywhere, concatenated, repeated, custom events, deep stacks. */
class AwkwardInputTest {
    @TempDir
    Path dir;

    private static ReadStats read(RecordingReader reader, Path file) throws UnreadableRecordingException {
        return reader.read(file, new EventSink() { });
    }

    private static long total(ReadStats s) {
        return s.eventCounts().values().stream().mapToLong(Long::longValue).sum();
    }

    @Test
    void aFileCutAtAnyByteGivesItsCompleteChunksAndSaysWhereTheRestBegan() throws Exception {
        Path a = Recordings.sample("healthy-control.jfr");
        Path b = Recordings.sample("chm-poor-hash.jfr");
        Path both = InProcessRecording.concat(dir.resolve("both.jfr"), a, b);
        byte[] bytes = Files.readAllBytes(both);
        long firstEnd = Files.size(a);
        long firstEvents = total(read(RecordingReader.standard(), a));
        TreeSet<Integer> cuts = new TreeSet<>();
        for (int cut = 0; cut < bytes.length; cut += 7919) { // a prime stride: every position within a chunk
            cuts.add(cut);
        }
        for (long at : new long[]{1, 4, 67, 68, 69, firstEnd - 1, firstEnd, firstEnd + 1, firstEnd + 68,
                bytes.length - 1}) {
            cuts.add((int) at);
        }
        Path cutFile = dir.resolve("cut.jfr");
        for (int cut : cuts) {
            Files.write(cutFile, Arrays.copyOf(bytes, cut));
            if (cut < firstEnd) {
                String m = assertThrows(UnreadableRecordingException.class,
                        () -> read(RecordingReader.standard(), cutFile), "cut at " + cut).getMessage();
                assertTrue(cut == 0 ? m.contains("empty") : cut < 4 ? m.startsWith("not a JFR file")
                        : m.startsWith("truncated at byte " + cut), cut + ": " + m);
                continue;
            }
            for (RecordingReader reader : new RecordingReader[]{RecordingReader.standard(), new JdkRecordingReader()}) {
                ReadStats s = read(reader, cutFile);
                assertEquals(1, s.layout().chunks().size(), cut + "");
                assertEquals(firstEnd, s.layout().completeBytes(), cut + "");
                assertEquals(cut - firstEnd, s.layout().skippedBytes(), cut + "");
                assertEquals(firstEvents, total(s), cut + ": the complete chunk, whole");
                if (cut > firstEnd) {
                    assertTrue(s.layout().skipReason().contains(" " + firstEnd + " "), s.layout().skipReason());
                }
            }
        }
    }

    @Test
    void concatenatedRecordingsAreReadAsOne() throws Exception {
        Path a = Recordings.sample("healthy-control.jfr");
        Path b = Recordings.sample("hashtable-contention.jfr");
        Path both = InProcessRecording.concat(dir.resolve("ab.jfr"), a, b);
        ReadStats s = read(RecordingReader.standard(), both);
        assertEquals(total(read(RecordingReader.standard(), a)) + total(read(RecordingReader.standard(), b)),
                total(s));
        assertEquals(0, s.layout().repeatedChunks());
        // Not compared with the JDK's parser here: when two JVMs' recordings share a metadata id, it keeps the
        // first one's types for the second and misreads some of its events (FastRecordingReader.Plan).
        
    }

    /**
     * The same bytes twice are the same events recorded once (a file appended to itself, a chunk copied twice):
     * counting them twice would double every total and every finding's evidence. Both readers count them once and
     * the layout says how many chunks were left out.
     */
    @Test
    void aRepeatedChunkIsCountedOnce() throws Exception {
        Path a = Recordings.sample("hashtable-contention.jfr");
        Path twice = InProcessRecording.concat(dir.resolve("aa.jfr"), a, a);
        Path thrice = InProcessRecording.concat(dir.resolve("aba.jfr"), a, Recordings.sample("healthy-control.jfr"),
                a);
        for (RecordingReader reader : new RecordingReader[]{RecordingReader.standard(), new JdkRecordingReader()}) {
            ReadStats once = read(reader, a);
            ReadStats s = read(reader, twice);
            assertEquals(once.eventCounts(), s.eventCounts(), reader.getClass().getSimpleName());
            assertEquals(1, s.layout().chunks().size());
            assertEquals(1, s.layout().repeatedChunks());
            assertEquals(0, s.layout().skippedBytes());
            FlameTreeBuilder one = new FlameTreeBuilder(EventFilter.ALL);
            FlameTreeBuilder two = new FlameTreeBuilder(EventFilter.ALL);
            reader.read(a, one);
            reader.read(twice, two);
            assertEquals(CollapsedStacks.toString(one.tree(FlameKind.LOCK)),
                    CollapsedStacks.toString(two.tree(FlameKind.LOCK)));
            assertEquals(1, read(reader, thrice).layout().repeatedChunks(), "also when not adjacent");
        }
        // A chunk that differs in one byte is another chunk: it is read.
        byte[] bytes = Files.readAllBytes(twice);
        int secondStart = (int) Files.size(a);
        bytes[secondStart + 32 + 7] ^= 1; // the copy's start time, 1 ns later
        Path shifted = dir.resolve("a-a'.jfr");
        Files.write(shifted, bytes);
        ReadStats s = read(RecordingReader.standard(), shifted);
        assertEquals(2, s.layout().chunks().size());
        assertEquals(0, s.layout().repeatedChunks());
    }

    @Name("hashscope.test.Custom")
    @Label("A custom event")
    @Category("Test")
    static final class CustomEvent extends Event {
        @Label("text")
        String text;
        @Label("number")
        long number;
        @Label("thread")
        Thread other;
        @Label("class")
        Class<?> type;
    }

    @Test
    void customAndUnknownEventTypesAreCountedAndSkipped() throws Exception {
        Path file = dir.resolve("custom.jfr");
        try (Recording r = new Recording()) {
            r.enable(CustomEvent.class).withStackTrace();
            r.enable("jdk.GarbageCollection");
            r.start();
            for (int i = 0; i < 1000; i++) {
                CustomEvent e = new CustomEvent();
                e.text = "event " + i + " <b>\u0007";
                e.number = i;
                e.other = Thread.currentThread();
                e.type = Map.class;
                e.commit();
            }
            System.gc();
            r.stop();
            r.dump(file);
        }
        ReadStats fast = read(RecordingReader.standard(), file);
        ReadStats jdk = read(new JdkRecordingReader(), file);
        assertEquals(1000, fast.count("hashscope.test.Custom"));
        assertEquals(jdk.eventCounts(), fast.eventCounts());
        assertTrue(fast.count("jdk.GarbageCollection") > 0, () -> "the events around them are read as usual: "
                + fast.eventCounts());
    }

    /** Recursion far deeper than the JVM's stack depth (64 frames by default): every sample is cut. */
    static long recurse(int depth, long x) {
        if (depth == 0) {
            long end = System.nanoTime() + 1_000_000_000L; // long enough for samples on a loaded machine
            while (System.nanoTime() < end) {
                x += x * 31 ^ (x >>> 7);
            }
            return x;
        }
        return recurse(depth - 1, x + depth) + 1;
    }

    @Test
    void stacksCutAtTheJvmDepthLimitAreShownAsTruncated() throws Exception {
        Path file = dir.resolve("deep.jfr");
        try (Recording r = new Recording()) {
            r.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
            r.start();
            Thread t = new Thread(() -> recurse(500, 1), "hs-deep");
            t.start();
            t.join();
            r.stop();
            r.dump(file);
        }
        for (RecordingReader reader : new RecordingReader[]{RecordingReader.standard(), new JdkRecordingReader()}) {
            FlameTreeBuilder trees = new FlameTreeBuilder(EventFilter.of("hs-deep", null, null));
            reader.read(file, trees);
            FlameTree cpu = trees.tree(FlameKind.CPU);
            assertTrue(cpu.total(0) > 0, "samples of the deep thread");
            assertEquals(1, cpu.childCount(0), CollapsedStacks.toString(cpu));
            int top = cpu.child(0, 0);
            assertEquals(FlameTree.TRUNCATED_LABEL, cpu.label(top), "all its samples sit under [truncated]");
            assertEquals(cpu.total(0), cpu.total(top));
            assertTrue(cpu.label(cpu.child(top, 0)).endsWith("AwkwardInputTest.recurse"), cpu.label(cpu.child(top, 0)));
        }
    }

    /** The JDK 7/8 recording and the Git LFS pointer in ../shared/recordings, through the standard reader. */
    @Test
    void sharedOldAndNonJfrFilesGiveOneClearLine() {
        // Resolved outside assertThrows: without ../shared the test is skipped, not failed by a caught assumption.
        Path jdk8 = Recordings.shared("jmc__8u60.jfr");
        Path lfsPointer = Recordings.shared("jafar__test-jfr.jfr");
        String old = assertThrows(UnreadableRecordingException.class,
                () -> read(RecordingReader.standard(), jdk8)).getMessage();
        assertTrue(old.contains("JFR format 0.9") && old.contains("JDK 7/8 or JRockit") && old.contains("not supported"),
                old);
        String lfs = assertThrows(UnreadableRecordingException.class,
                () -> read(RecordingReader.standard(), lfsPointer)).getMessage();
        assertTrue(lfs.contains("Git LFS pointer"), lfs);
    }

    @Test
    void jfrMagicFollowedByGarbageIsOneLine() throws Exception {
        java.util.Random random = new java.util.Random(11);
        for (int i = 0; i < 50; i++) {
            byte[] b = new byte[68 + random.nextInt(4096)];
            random.nextBytes(b);
            ByteBuffer.wrap(b).put(0, (byte) 'F').put(1, (byte) 'L').put(2, (byte) 'R').put(3, (byte) 0)
                    .putShort(4, (short) 2).putShort(6, (short) 1);
            Path p = dir.resolve("garbage" + i + ".jfr");
            Files.write(p, b);
            for (RecordingReader reader : new RecordingReader[]{RecordingReader.standard(), new JdkRecordingReader()}) {
                String m = assertThrows(UnreadableRecordingException.class, () -> read(reader, p)).getMessage();
                assertTrue(!m.isBlank() && !m.contains("\n"), m);
            }
        }
    }
}
