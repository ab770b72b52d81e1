package dev.hashscope.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Saving what a stream downloaded: kept chunks are cut to their declared size and their header is marked
 * complete, so a chunk caught mid-header-update (state byte 255, as when the target dies at that moment) or with
 * a half-written event after its declared end still reads back, with the JDK's parser too.
 */
class ChunkMirrorTest {
    @TempDir
    Path tmp;

    @Test
    void aChunkCaughtMidUpdateWithATornTailReadsBackWhole() throws Exception {
        byte[] first = firstChunkOfSample();
        long expected = count(write(tmp.resolve("first.jfr"), first));

        Path stream = Files.createDirectories(tmp.resolve("stream"));
        byte[] stuck = Arrays.copyOf(first, first.length + 100); // 100 bytes of an event still arriving
        stuck[64] = (byte) 255;                                   // "header being updated"
        Arrays.fill(stuck, first.length, stuck.length, (byte) 0x7f);
        write(stream.resolve("2026_11_23_12_00_00.jfr"), stuck);
        assertThrows(IOException.class, () -> count(stream.resolve("2026_11_23_12_00_00.jfr")),
                "the JDK's parser refuses the raw chunk");

        ChunkMirror mirror = new ChunkMirror(stream, tmp.resolve("kept"));
        mirror.sync();
        // The stream deletes its copy once parsed; the kept link still has it.
        Files.delete(stream.resolve("2026_11_23_12_00_00.jfr"));
        Path saved = tmp.resolve("saved.jfr");
        assertEquals(1, mirror.save(saved));
        assertEquals(first.length, Files.size(saved));
        assertEquals(expected, count(saved));
        assertTrue(expected > 0);
    }

    /** The chunk a target dies in before its first flush: a header without metadata; saved, it is left out. */
    @Test
    void aChunkWithoutMetadataYetIsLeftOut() throws Exception {
        byte[] first = firstChunkOfSample();
        long expected = count(write(tmp.resolve("first.jfr"), first));

        byte[] unflushed = Arrays.copyOf(first, 68 + 40);           // a header and a little of an event
        ByteBuffer h = ByteBuffer.wrap(unflushed);
        h.putLong(8, unflushed.length);                              // declared: what arrived
        h.putLong(16, 0);                                            // no constant pool yet
        h.putLong(24, 0);                                            // no metadata yet
        unflushed[64] = (byte) 255;
        Path stream = Files.createDirectories(tmp.resolve("stream"));
        write(stream.resolve("2026_11_23_12_00_00.jfr"), first);
        write(stream.resolve("2026_11_23_12_00_01.jfr"), unflushed);

        ChunkMirror mirror = new ChunkMirror(stream, tmp.resolve("kept"));
        mirror.sync();
        Path saved = tmp.resolve("saved.jfr");
        assertEquals(1, mirror.save(saved));
        assertEquals(expected, count(saved));
    }

    @Test
    void nothingArrivedYetIsAClearError() throws Exception {
        ChunkMirror mirror = new ChunkMirror(Files.createDirectories(tmp.resolve("s")), tmp.resolve("k"));
        mirror.sync();
        IOException e = assertThrows(IOException.class, () -> mirror.save(tmp.resolve("x.jfr")));
        assertTrue(e.getMessage().contains("no chunk"), e.getMessage());
    }

    /** The first chunk of a committed sample recording, as its header declares it. */
    private static byte[] firstChunkOfSample() throws IOException {
        byte[] bytes = Files.readAllBytes(Path.of("../sample-recordings/recordings/hashtable-contention.jfr"));
        return Arrays.copyOf(bytes, (int) ByteBuffer.wrap(bytes).getLong(8));
    }

    private static Path write(Path p, byte[] b) throws IOException {
        return Files.write(p, b);
    }

    private static long count(Path p) throws IOException {
        long n = 0;
        try (RecordingFile rf = new RecordingFile(p)) {
            while (rf.hasMoreEvents()) {
                rf.readEvent();
                n++;
            }
        }
        return n;
    }
}
