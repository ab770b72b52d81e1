package dev.hashscope.event;

import java.util.List;

/**
 * The chunks of a recording file, found by reading only their headers.
 *
 * @param fileSize     size of the file as given (after gunzip, if it was compressed)
 * @param chunks       the complete chunks, in file order
 * @param skippedBytes bytes after the last complete chunk that could not be read (0 for an intact file)
 * @param skipReason   why those bytes were skipped (e.g. "chunk at byte 1048576 is truncated: header says
 *                     2097152 bytes, 524288 present"), or {@code null}
 * @param compressed   the file was gzip-compressed and was decompressed to read it
 * @param repeatedChunks chunks left out because they repeat an earlier chunk of the file byte for byte (a file
 *                     appended to itself, a chunk copied twice): the same events recorded once are counted once
 */
public record RecordingLayout(long fileSize, List<ChunkHeader> chunks, long skippedBytes, String skipReason,
                              boolean compressed, int repeatedChunks) {
    public RecordingLayout {
        chunks = List.copyOf(chunks);
    }

    public RecordingLayout(long fileSize, List<ChunkHeader> chunks, long skippedBytes, String skipReason,
                           boolean compressed) {
        this(fileSize, chunks, skippedBytes, skipReason, compressed, 0);
    }

    /** Bytes before the skipped tail: the complete chunks, repeated ones included. */
    public long completeBytes() {
        return fileSize - skippedBytes;
    }

    /** Bytes of the chunks that are read (repeated chunks left out). */
    public long readBytes() {
        return chunks.stream().mapToLong(ChunkHeader::size).sum();
    }

    /** Wall-clock start of the recording, epoch nanoseconds (the earliest chunk start). */
    public long startNanos() {
        return chunks.stream().mapToLong(ChunkHeader::startNanos).min().orElse(0);
    }

    /** Wall-clock end of the recording, epoch nanoseconds (the latest chunk end). */
    public long endNanos() {
        return chunks.stream().mapToLong(c -> c.startNanos() + c.durationNanos()).max().orElse(0);
    }

    public long durationNanos() {
        return endNanos() - startNanos();
    }

    public boolean truncated() {
        return skippedBytes > 0;
    }

    /** Format version of the first chunk, e.g. "2.1". */
    public String formatVersion() {
        return chunks.isEmpty() ? "?" : chunks.get(0).major() + "." + chunks.get(0).minor();
    }

    /** One chunk header: where the chunk lies and what time it covers. */
    public record ChunkHeader(long offset, long size, int major, int minor, long startNanos, long durationNanos,
                              long startTicks, long ticksPerSecond) {
        public long end() {
            return offset + size;
        }
    }
}
