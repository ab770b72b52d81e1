package dev.hashscope.live;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Keeps every chunk a {@code RemoteRecordingStream} downloads, so that what arrived can be saved even after the
 * target died: the stream deletes chunks once parsed and all of them when it closes, and
 * {@code RemoteRecordingStream.dump} works only while the target answers.
 *
 * <p>How: each chunk file that appears in the stream's directory gets a hard link in our own directory. A link
 * is the same file, so the bytes the stream appends later and its final header update land in our copy too, and
 * the stream deleting its name leaves ours. Where links are not possible (another file system) the chunk is
 * copied instead when it is seen, and again on every later sync while it grows. Not thread-safe; the session
 * calls it from one thread at a time.
 */
final class ChunkMirror {
    /** JFR chunk header: magic, version, then the chunk's size at offset 8 (big-endian). */
    private static final int HEADER_SIZE = 68;
    private static final int SIZE_OFFSET = 8;
    private static final int CONSTANTS_OFFSET = 16;
    private static final int METADATA_OFFSET = 24;
    /**
     * The header's file-state byte: 255 while the writer updates the header, 0 once the chunk is complete. A chunk
     * kept from a stream can hold 255 (the target died, or the stream stopped, between the two writes of a header
     * update), and the JDK's parser then waits for it forever or gives up ("stuck in locked stream state").
     */
    private static final int STATE_OFFSET = 64;
    private static final byte[] MAGIC = {'F', 'L', 'R', 0};

    private final Path source;
    private final Path kept;
    private final List<Path> chunks = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    private final Set<Path> copies = new HashSet<>();

    ChunkMirror(Path source, Path kept) throws IOException {
        this.source = source;
        this.kept = Files.createDirectories(kept);
    }

    /** Picks up chunk files that appeared since the last call (and refreshes copies that may have grown). */
    void sync() throws IOException {
        List<Path> fresh = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(source, "*.jfr")) {
            for (Path p : ds) {
                if (!seen.contains(p.getFileName().toString())) {
                    fresh.add(p);
                }
            }
        }
        // Chunk files are named by their start time; within one listing that is their order.
        fresh.sort(null);
        for (Path p : fresh) {
            String name = p.getFileName().toString();
            Path target = kept.resolve(String.format("%06d-%s", chunks.size(), name));
            try {
                Files.createLink(target, p);
            } catch (IOException | UnsupportedOperationException e) {
                try {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException gone) {
                    continue; // deleted between the listing and now: already parsed and dropped by the stream
                }
                copies.add(target);
            }
            seen.add(name);
            chunks.add(target);
        }
        for (Path c : copies) {
            Path original = source.resolve(c.getFileName().toString().substring(7));
            try {
                Files.copy(original, c, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException gone) {
                // The stream dropped it; the copy holds what it had.
            }
        }
    }

    /**
     * Writes the kept chunks as one recording: each chunk cut to the size its header declares (the bytes after
     * it are an event the target was still sending), skipping a chunk whose header never got written and one
     * the target died in before it first flushed (no constants or metadata yet: nothing in it can be read).
     *
     * @return the number of chunks written
     */
    int save(Path destination) throws IOException {
        Path tmp = destination.resolveSibling(destination.getFileName() + ".part");
        int written = 0;
        try (OutputStream out = Files.newOutputStream(tmp)) {
            for (Path c : chunks) {
                if (copyChunk(c, out)) {
                    written++;
                }
            }
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        if (written == 0) {
            Files.deleteIfExists(tmp);
            throw new IOException("nothing to save: no chunk of the recording had arrived yet");
        }
        Files.move(tmp, destination, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return written;
    }

    private static boolean copyChunk(Path chunk, OutputStream out) throws IOException {
        try (FileChannel ch = FileChannel.open(chunk, StandardOpenOption.READ)) {
            long length = ch.size();
            if (length < HEADER_SIZE) {
                return false;
            }
            ByteBuffer header = ByteBuffer.allocate(HEADER_SIZE);
            while (header.hasRemaining() && ch.read(header) > 0) {
                // fill
            }
            header.flip();
            for (int i = 0; i < MAGIC.length; i++) {
                if (header.get(i) != MAGIC[i]) {
                    return false;
                }
            }
            long declared = header.getLong(SIZE_OFFSET);
            if (declared < HEADER_SIZE || declared > length) {
                return false; // never flushed, or torn: its declared bytes did not all arrive
            }
            // A chunk the target died in before its first flush declares no constants or metadata yet; marked
            // complete it would be an error to every parser ("No metadata event found in finished chunk").
            long constants = header.getLong(CONSTANTS_OFFSET);
            long metadata = header.getLong(METADATA_OFFSET);
            if (constants < HEADER_SIZE || constants >= declared || metadata < HEADER_SIZE || metadata >= declared) {
                return false;
            }
            long n = declared;
            // Saved, the chunk is complete as far as its header goes: every byte up to the declared size is there.
            header.put(STATE_OFFSET, (byte) 0);
            out.write(header.array(), 0, HEADER_SIZE);
            ch.position(HEADER_SIZE);
            ByteBuffer buf = ByteBuffer.allocate(1 << 16);
            long left = n - HEADER_SIZE;
            while (left > 0) {
                buf.clear();
                if (left < buf.capacity()) {
                    buf.limit((int) left);
                }
                int r = ch.read(buf);
                if (r < 0) {
                    break;
                }
                out.write(buf.array(), 0, r);
                left -= r;
            }
            return true;
        }
    }

    /** Deletes the kept chunks and their directory. */
    void delete() {
        for (Path c : chunks) {
            try {
                Files.deleteIfExists(c);
            } catch (IOException ignored) {
                // A temp file; the OS cleans up.
            }
        }
        try {
            Files.deleteIfExists(kept);
        } catch (IOException ignored) {
            // Not empty (a file we did not make); left alone.
        }
    }

}
