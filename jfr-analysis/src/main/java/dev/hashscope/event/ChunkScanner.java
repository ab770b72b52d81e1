package dev.hashscope.event;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Walks a JFR file chunk header by chunk header (68 bytes each, following the size fields), so that
 * problems are found and explained before any parser runs: empty files, files that are not JFR, old
 * format versions, damaged headers and truncated tails. Reads a few bytes per chunk, whatever the file size;
 * only a chunk whose header repeats an earlier one's is read whole, to leave it out if it is a copy.
 */
public final class ChunkScanner {
    /** Size of a chunk header in format 1.x and 2.x. */
    static final int HEADER_SIZE = 68;
    private static final byte[] MAGIC = {'F', 'L', 'R', 0};

    private ChunkScanner() {
    }

    /**
     * Scans {@code file}. Throws only when not even one complete chunk can be found; a damaged tail
     * after good chunks is returned as {@link RecordingLayout#skippedBytes()}.
     */
    public static RecordingLayout scan(Path file, boolean compressed) throws UnreadableRecordingException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size == 0) {
                throw new UnreadableRecordingException("empty file (0 bytes): not a recording");
            }
            List<RecordingLayout.ChunkHeader> chunks = new ArrayList<>();
            java.util.Map<HeaderKey, RecordingLayout.ChunkHeader> seen = new java.util.HashMap<>();
            int repeated = 0;
            ByteBuffer buf = ByteBuffer.allocate(HEADER_SIZE);
            long pos = 0;
            String skipReason = null;
            while (pos < size) {
                buf.clear();
                int n = readFully(ch, buf, pos);
                if (n < MAGIC.length || !hasMagic(buf)) {
                    if (chunks.isEmpty()) {
                        throw new UnreadableRecordingException(notJfr(buf, n));
                    }
                    skipReason = "bytes at offset " + pos + " do not start a JFR chunk";
                    break;
                }
                if (n < HEADER_SIZE) {
                    skipReason = "chunk at byte " + pos + " is truncated inside its header (" + n + " of "
                            + HEADER_SIZE + " bytes present)";
                    break;
                }
                int major = buf.getShort(4) & 0xffff;
                int minor = buf.getShort(6) & 0xffff;
                if (major != 2) {
                    String why = unsupportedVersion(major, minor);
                    if (chunks.isEmpty()) {
                        throw new UnreadableRecordingException(why);
                    }
                    skipReason = "chunk at byte " + pos + ": " + why;
                    break;
                }
                long chunkSize = buf.getLong(8);
                if (chunkSize < HEADER_SIZE) {
                    skipReason = "chunk at byte " + pos + " has an invalid size (" + chunkSize
                            + "); it was probably still being written";
                    break;
                }
                if (chunkSize > size - pos) {
                    skipReason = "chunk at byte " + pos + " is truncated: its header says " + chunkSize
                            + " bytes, " + (size - pos) + " are present";
                    break;
                }
                String damage = damagedHeader(buf);
                if (damage != null) {
                    if (chunks.isEmpty()) {
                        throw new UnreadableRecordingException("corrupt recording: the first chunk's header is "
                                + "damaged (" + damage + ")");
                    }
                    skipReason = "chunk at byte " + pos + " has a damaged header (" + damage + ")";
                    break;
                }
                RecordingLayout.ChunkHeader header = new RecordingLayout.ChunkHeader(pos, chunkSize, major, minor,
                        buf.getLong(32), buf.getLong(40), buf.getLong(48), buf.getLong(56));
                HeaderKey key = new HeaderKey(chunkSize, buf.getLong(16), buf.getLong(24), header.startNanos(),
                        header.durationNanos(), header.startTicks());
                RecordingLayout.ChunkHeader earlier = seen.putIfAbsent(key, header);
                if (earlier != null && sameBytes(ch, earlier.offset(), pos, chunkSize)) {
                    repeated++;
                } else {
                    chunks.add(header);
                }
                pos += chunkSize;
            }
            if (chunks.isEmpty()) {
                throw new UnreadableRecordingException("truncated at byte " + size
                        + ": the file holds no complete chunk (" + skipReason + ")");
            }
            return new RecordingLayout(size, chunks, size - pos, skipReason, compressed, repeated);
        } catch (IOException e) {
            throw new UnreadableRecordingException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** What two chunks must share to be compared byte for byte. */
    private record HeaderKey(long size, long constantPoolOffset, long metadataOffset, long startNanos,
                             long durationNanos, long startTicks) {
    }

    /**
     * Whether the chunks at {@code a} and {@code b} hold the same bytes. A JVM never writes one chunk twice (each
     * starts at a later time), so equal bytes mean a copy: the file appended to itself, a chunk copied twice.
     */
    private static boolean sameBytes(FileChannel ch, long a, long b, long size) throws IOException {
        ByteBuffer x = ByteBuffer.allocate(1 << 16);
        ByteBuffer y = ByteBuffer.allocate(1 << 16);
        for (long done = 0; done < size; ) {
            int n = (int) Math.min(x.capacity(), size - done);
            x.clear().limit(n);
            y.clear().limit(n);
            if (readFully(ch, x, a + done) != n || readFully(ch, y, b + done) != n) {
                return false;
            }
            if (!x.flip().equals(y.flip())) {
                return false;
            }
            done += n;
        }
        return true;
    }

    /** A chunk lasts at most this long; a longer one in a header is damage (JFR rotates chunks far sooner). */
    static final long MAX_CHUNK_NANOS = 366L * 24 * 3600 * 1_000_000_000L;

    /**
     * What is impossible in a chunk header whose size is right, or null: times every analysis is laid out on
     * (a start before 1970, a negative or centuries-long duration, a clock of no ticks) would otherwise be
     * analysed as if true.
     */
    static String damagedHeader(ByteBuffer header) {
        long startNanos = header.getLong(32);
        long durationNanos = header.getLong(40);
        long ticksPerSecond = header.getLong(56);
        if (startNanos < 0) {
            return "start time " + startNanos + " ns before 1970";
        }
        if (durationNanos < 0 || durationNanos > MAX_CHUNK_NANOS) {
            return "duration " + durationNanos + " ns";
        }
        if (ticksPerSecond <= 0) {
            return "clock of " + ticksPerSecond + " ticks per second";
        }
        return null;
    }

    private static int readFully(FileChannel ch, ByteBuffer buf, long pos) throws IOException {
        int total = 0;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos + total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    private static boolean hasMagic(ByteBuffer buf) {
        for (int i = 0; i < MAGIC.length; i++) {
            if (buf.get(i) != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    static String unsupportedVersion(int major, int minor) {
        if (major == 0 || major == 1) {
            return "JFR format " + major + "." + minor + " (written by JDK " + (major == 0 ? "7/8 or JRockit" : "9/10")
                    + ") is not supported: Hashscope reads format 2.x, written by JDK 11 and later "
                    + "(also OpenJDK 8u262+) and by async-profiler; record again on a newer JDK";
        }
        return "JFR format " + major + "." + minor + " is newer than this version of Hashscope reads (2.x)";
    }

    private static String notJfr(ByteBuffer buf, int n) {
        byte[] head = new byte[Math.min(n, 40)];
        buf.get(0, head);
        String text = new String(head, StandardCharsets.ISO_8859_1);
        if (text.startsWith("version https://git-lfs")) {
            return "not a JFR file: it is a Git LFS pointer (run 'git lfs pull' to fetch the real recording)";
        }
        if (n >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            return "not a JFR file: gzip data that does not contain a JFR recording";
        }
        if (text.startsWith("PK")) {
            return "not a JFR file: it looks like a ZIP archive (unpack it and open the .jfr inside)";
        }
        return "not a JFR file: it does not start with the JFR magic bytes 'FLR\\0' (starts with "
                + printable(head) + ")";
    }

    private static String printable(byte[] head) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < Math.min(head.length, 16); i++) {
            int b = head[i] & 0xff;
            if (b >= 0x20 && b < 0x7f && b != '"' && b != '\\') {
                sb.append((char) b);
            } else {
                sb.append(String.format("\\x%02x", b));
            }
        }
        return sb.append('"').toString();
    }
}
