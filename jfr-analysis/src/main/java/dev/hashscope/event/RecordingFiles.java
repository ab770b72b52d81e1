package dev.hashscope.event;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Turns what the user gave into a file a parser can read from start to end: decompresses gzip
 * (JMC and async-profiler users keep {@code .jfr.gz}), and cuts a truncated tail so that only
 * complete chunks are parsed. Temporary copies are deleted on {@link #close()}.
 */
public final class RecordingFiles implements AutoCloseable {
    private final Path readable;
    private final Path source;
    private final RecordingLayout layout;
    private final List<Path> temporaries;

    private RecordingFiles(Path readable, Path source, RecordingLayout layout, List<Path> temporaries) {
        this.readable = readable;
        this.source = source;
        this.layout = layout;
        this.temporaries = temporaries;
    }

    public static RecordingFiles prepare(Path file) throws UnreadableRecordingException {
        List<Path> temps = new ArrayList<>();
        try {
            if (!Files.exists(file)) {
                throw new UnreadableRecordingException("no such file: " + file);
            }
            if (Files.isDirectory(file)) {
                throw new UnreadableRecordingException(file + " is a directory, not a recording");
            }
            Path source = file;
            boolean compressed = isGzip(file);
            if (compressed) {
                source = gunzip(file);
                temps.add(source);
            }
            RecordingLayout layout;
            try {
                layout = ChunkScanner.scan(source, compressed);
            } catch (UnreadableRecordingException e) {
                throw compressed
                        ? new UnreadableRecordingException("gzip-compressed file whose content is unreadable: "
                        + e.getMessage())
                        : e;
            }
            Path readable = source;
            if (layout.truncated() || layout.repeatedChunks() > 0) {
                readable = copyChunks(source, layout);
                temps.add(readable);
            }
            return new RecordingFiles(readable, source, layout, temps);
        } catch (UnreadableRecordingException e) {
            deleteAll(temps);
            throw e;
        } catch (IOException e) {
            deleteAll(temps);
            throw new UnreadableRecordingException("cannot read " + file + ": " + describe(e), e);
        }
    }

    /** A file holding exactly the chunks to read, one after the other (offsets differ from the layout's). */
    public Path readable() {
        return readable;
    }

    /** The whole file as given, decompressed: the layout's chunk offsets are offsets into it. */
    public Path source() {
        return source;
    }

    public RecordingLayout layout() {
        return layout;
    }

    @Override
    public void close() {
        deleteAll(temporaries);
    }

    private static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] b = in.readNBytes(2);
            return b.length == 2 && (b[0] & 0xff) == 0x1f && (b[1] & 0xff) == 0x8b;
        }
    }

    private static Path gunzip(Path file) throws IOException, UnreadableRecordingException {
        Path out = Files.createTempFile("hashscope-", ".jfr");
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(file)), 1 << 16);
             OutputStream os = Files.newOutputStream(out)) {
            in.transferTo(os);
        } catch (ZipException | java.io.EOFException e) {
            // A cut-off download is the common case: keep what was decompressed; the chunk scan
            // decides whether any complete chunk is in it.
            if (Files.size(out) == 0) {
                Files.deleteIfExists(out);
                throw new UnreadableRecordingException("corrupt gzip file: " + describe(e));
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(out);
            throw e;
        }
        return out;
    }

    private static Path copyChunks(Path source, RecordingLayout layout) throws IOException {
        Path out = Files.createTempFile("hashscope-", ".jfr");
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ);
             FileChannel os = FileChannel.open(out, StandardOpenOption.WRITE)) {
            long at = 0;
            for (RecordingLayout.ChunkHeader c : layout.chunks()) {
                long done = 0;
                while (done < c.size()) {
                    done += in.transferTo(c.offset() + done, c.size() - done, os.position(at + done));
                }
                at += c.size();
            }
        }
        return out;
    }

    private static void deleteAll(List<Path> temps) {
        for (Path p : temps) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // A leftover temp file is not worth failing an analysis for; the OS cleans /tmp.
            }
        }
    }

    static String describe(Throwable e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
