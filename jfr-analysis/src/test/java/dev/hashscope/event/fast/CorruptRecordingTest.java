package dev.hashscope.event.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hashscope.event.EventKind;
import dev.hashscope.event.EventSink;
import dev.hashscope.event.JdkRecordingReader;
import dev.hashscope.event.UnreadableRecordingException;
import dev.hashscope.testing.Recordings;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged recordings: the fast reader says "unreadable" where the JDK parser does, in one line. */
class CorruptRecordingTest {
    @TempDir
    Path dir;

    private Path damaged(String name, java.util.function.Consumer<byte[]> damage) throws Exception {
        byte[] bytes = Files.readAllBytes(Recordings.sample("hashtable-contention.jfr"));
        damage.accept(bytes);
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private static String outcome(dev.hashscope.event.RecordingReader reader, Path file) {
        try {
            reader.read(file, new EventTranscript(EventKind.all()));
            return "read";
        } catch (UnreadableRecordingException e) {
            assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
            return "unreadable";
        }
    }

    @Test
    void aBrokenConstantPoolOffsetIsUnreadableForBoth() throws Exception {
        Path p = damaged("cp-offset.jfr", b -> ByteBuffer.wrap(b).putLong(16, 70));
        assertEquals("unreadable", outcome(new JdkRecordingReader(), p));
        assertEquals("unreadable", outcome(new FastRecordingReader(), p));
    }

    @Test
    void aBrokenMetadataOffsetIsUnreadableForBoth() throws Exception {
        Path p = damaged("metadata-offset.jfr", b -> ByteBuffer.wrap(b).putLong(24, 70));
        assertEquals("unreadable", outcome(new JdkRecordingReader(), p));
        assertEquals("unreadable", outcome(new FastRecordingReader(), p));
    }

    @Test
    void aZeroEventSizeIsUnreadableForBoth() throws Exception {
        Path p = damaged("zero-size.jfr", b -> b[68] = 0);
        assertEquals("unreadable", outcome(new JdkRecordingReader(), p));
        assertEquals("unreadable", outcome(new FastRecordingReader(), p));
    }

    @Test
    void garbageInTheConstantPoolsIsUnreadableForBoth() throws Exception {
        Path p = damaged("cp-garbage.jfr", b -> {
            long cp = ByteBuffer.wrap(b).getLong(16);
            for (int i = 0; i < 64; i++) {
                b[(int) cp + 20 + i] = (byte) 0xff;
            }
        });
        assertEquals("unreadable", outcome(new JdkRecordingReader(), p));
        assertEquals("unreadable", outcome(new FastRecordingReader(), p));
    }

    @Test
    void aFileThatIsNotJfrIsNamedAsSuch() throws Exception {
        Path p = dir.resolve("text.jfr");
        Files.writeString(p, "hello, this is not a recording");
        UnreadableRecordingException e = assertThrows(UnreadableRecordingException.class,
                () -> new FastRecordingReader().read(p, new EventSink() { }));
        assertTrue(e.getMessage().startsWith("not a JFR file"), e.getMessage());
    }
}
