package dev.hashscope.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hashscope.testing.InProcessRecording;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import jdk.jfr.Recording;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChunkScannerTest {
    @TempDir
    static Path dir;
    static Path small;

    @BeforeAll
    static void record() throws Exception {
        small = dir.resolve("small.jfr");
        try (Recording r = new Recording()) {
            r.enable("jdk.CPULoad");
            r.start();
            InProcessRecording.burnCpuAndAllocate(java.time.Duration.ofMillis(50));
            r.stop();
            r.dump(small);
        }
    }

    private static String failure(Path p) {
        return assertThrows(UnreadableRecordingException.class,
                () -> new JdkRecordingReader().read(p, new EventSink() { })).getMessage();
    }

    private static Path write(String name, byte[] bytes) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    @Test
    void emptyFile() throws Exception {
        assertTrue(failure(write("empty.jfr", new byte[0])).contains("empty file"));
    }

    @Test
    void textFile() throws Exception {
        String m = failure(write("text.jfr", "hello, world\n".getBytes(StandardCharsets.UTF_8)));
        assertTrue(m.startsWith("not a JFR file"), m);
        assertTrue(m.contains("hello"), m);
    }

    @Test
    void gitLfsPointer() throws Exception {
        String m = failure(write("lfs.jfr", ("version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 12\n")
                .getBytes(StandardCharsets.UTF_8)));
        assertTrue(m.contains("Git LFS pointer"), m);
    }

    @Test
    void gzipOfSomethingElse() throws Exception {
        Path p = dir.resolve("text.gz");
        try (OutputStream os = new GZIPOutputStream(Files.newOutputStream(p))) {
            os.write("not a recording at all".getBytes(StandardCharsets.UTF_8));
        }
        String m = failure(p);
        assertTrue(m.startsWith("gzip-compressed file whose content is unreadable: not a JFR file"), m);
    }

    @Test
    void oldFormatIsNamedWithItsJdk() throws Exception {
        ByteBuffer b = ByteBuffer.allocate(200);
        b.put(new byte[]{'F', 'L', 'R', 0}).putShort((short) 0).putShort((short) 9).putLong(200);
        String m = failure(write("jdk8.jfr", b.array()));
        assertTrue(m.contains("JFR format 0.9") && m.contains("JDK 7/8") && m.contains("not supported"), m);
    }

    @Test
    void magicFollowedByGarbage() throws Exception {
        byte[] bytes = new byte[4096];
        new java.util.Random(42).nextBytes(bytes);
        bytes[0] = 'F';
        bytes[1] = 'L';
        bytes[2] = 'R';
        bytes[3] = 0;
        String m = failure(write("garbage.jfr", bytes));
        // Random version bytes: either an unsupported version or no complete chunk; never a parser crash.
        assertTrue(m.contains("JFR format") || m.contains("no complete chunk"), m);
    }

    @Test
    void truncatedInsideTheOnlyChunkSaysWhere() throws Exception {
        byte[] all = Files.readAllBytes(small);
        for (int cut : new int[]{3, 10, 67, 68, all.length / 2, all.length - 1}) {
            byte[] part = java.util.Arrays.copyOf(all, cut);
            String m = failure(write("cut-" + cut + ".jfr", part));
            if (cut < 4) {
                assertTrue(m.startsWith("not a JFR file"), cut + ": " + m);
            } else {
                assertTrue(m.startsWith("truncated at byte " + cut), cut + ": " + m);
            }
        }
    }

    @Test
    void scansChunkHeaders() throws Exception {
        RecordingLayout l = ChunkScanner.scan(small, false);
        assertEquals(1, l.chunks().size());
        assertEquals(Files.size(small), l.completeBytes());
        assertEquals(2, l.chunks().get(0).major());
        assertTrue(l.durationNanos() > 0);
        assertEquals(0, l.skippedBytes());
    }

    @Test
    void missingFileAndDirectory() {
        assertTrue(failure(dir.resolve("nope.jfr")).contains("no such file"));
        assertTrue(failure(dir).contains("directory"));
    }
}
