package dev.hashscope.event;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Walks each chunk's event records by their size fields before the JDK's parser sees the file. That parser
 * (JDK 17) steps from event to event by the size it reads and only rejects a size of zero: a negative size
 * steps backwards and it reads the same events forever. This walk costs one compressed integer per event
 * and says where the chain breaks, as Hashscope's own parser does.
 */
final class EventSizeCheck {
    private EventSizeCheck() {
    }

    static void check(Path readable, RecordingLayout layout) throws UnreadableRecordingException, IOException {
        try (FileChannel ch = FileChannel.open(readable, StandardOpenOption.READ)) {
            long at = 0; // the readable file holds the layout's chunks one after the other
            for (RecordingLayout.ChunkHeader c : layout.chunks()) {
                long start = at;
                at += c.size();
                if (c.size() > Integer.MAX_VALUE) {
                    continue; // cannot be mapped whole; left to the parser
                }
                MappedByteBuffer b = ch.map(FileChannel.MapMode.READ_ONLY, start, c.size());
                int end = (int) c.size();
                int pos = ChunkScanner.HEADER_SIZE;
                while (pos < end) {
                    long size = readCompressedLong(b, pos, end);
                    if (size <= 0 || size > end - pos) {
                        throw new UnreadableRecordingException("corrupt recording: the event at byte "
                                + (c.offset() + pos) + " has size " + size + (size <= 0 ? "" : ", beyond its chunk"));
                    }
                    pos += (int) size;
                }
            }
        }
    }

    /** JFR's compressed integer at {@code pos}: 7 bits a byte, low first, the ninth byte whole; -1 if cut off. */
    private static long readCompressedLong(MappedByteBuffer b, int pos, int end) {
        long v = 0;
        for (int i = 0; i < 9; i++) {
            if (pos + i >= end) {
                return -1;
            }
            int x = b.get(pos + i) & 0xff;
            if (i == 8) {
                return v | (long) x << 56;
            }
            v |= (long) (x & 0x7f) << (7 * i);
            if (x < 0x80) {
                return v;
            }
        }
        return v;
    }
}
