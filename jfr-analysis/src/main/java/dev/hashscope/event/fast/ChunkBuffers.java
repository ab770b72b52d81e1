package dev.hashscope.event.fast;

import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * The heap buffers chunks are copied into, reused from chunk to chunk. A fresh array per chunk cost a 300 MB
 * recording 300 MB of humongous allocations per read (a chunk is megabytes, more than half a G1 region), and
 * those set off extra collections and concurrent cycles while the delivering thread worked.
 *
 * <p>A buffer may be longer than the chunk it holds; the bytes after the chunk are zeroed so that a corrupt
 * event reading past the chunk's end reads zeros (and then fails the size checks), never an earlier chunk.
 * Thread-safe: the parser takes, and whoever is done with a chunk releases.
 */
final class ChunkBuffers {
    /** A chunk's bytes on loan; {@link #release} (once; more calls are ignored) gives the buffer back. */
    final class Lease {
        private final byte[] array;
        private final int length;
        private boolean released;

        private Lease(byte[] array, int length) {
            this.array = array;
            this.length = length;
        }

        /** The chunk: array-backed, offset 0, limit the chunk's size. */
        ByteBuffer bytes() {
            return ByteBuffer.wrap(array, 0, length).slice();
        }

        void release() {
            synchronized (ChunkBuffers.this) {
                if (!released) {
                    released = true;
                    free.push(this);
                    ChunkBuffers.this.notifyAll();
                }
            }
        }
    }

    private final ArrayDeque<Lease> free = new ArrayDeque<>();
    private int created;
    private final int max;

    ChunkBuffers(int max) {
        this.max = max;
    }

    /** Copies {@code length} bytes of {@code source} into a free buffer, waiting while all are on loan. */
    Lease take(ByteBuffer source, int length) throws InterruptedIOException {
        Lease old;
        synchronized (this) {
            while (free.isEmpty() && created >= max) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("read stopped");
                }
            }
            old = free.poll();
            if (old == null) {
                created++;
            }
        }
        byte[] array;
        if (old != null && old.array.length >= length) {
            array = old.array;
            if (old.length > length) {
                Arrays.fill(array, length, old.length, (byte) 0);
            }
        } else {
            // Room to grow: chunk sizes differ a little, and a buffer just too small would be dropped each time.
            array = new byte[(int) Math.min(Integer.MAX_VALUE - 16, length + (long) (length >> 3))];
        }
        source.get(0, array, 0, length);
        return new Lease(array, length);
    }
}
