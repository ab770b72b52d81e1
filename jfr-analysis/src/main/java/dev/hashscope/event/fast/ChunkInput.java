package dev.hashscope.event.fast;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A cursor over one chunk's bytes (positions are relative to the chunk start). Integers are JFR's
 * compressed form: 7 bits per byte, low bits first, the ninth byte carrying a full 8 bits, exactly as
 * the JDK's {@code RecordingInput} reads them.
 */
final class ChunkInput {
    private final ByteBuffer bytes;
    /** The chunk on the heap when it is small enough (faster to read than a mapped buffer), else null. */
    private final byte[] array;
    private final int limit;
    int pos;
    private byte[] scratch = new byte[64];

    ChunkInput(ByteBuffer bytes) {
        this.bytes = bytes;
        this.array = bytes.hasArray() && bytes.arrayOffset() == 0 ? bytes.array() : null;
        this.limit = bytes.limit();
    }

    /** A second, independent cursor over the same bytes (the buffer is only read with absolute gets). */
    ChunkInput duplicate() {
        return new ChunkInput(bytes);
    }

    ByteBuffer slice(int offset, int length) {
        return bytes.slice(offset, length);
    }

    int limit() {
        return limit;
    }

    byte readByte() {
        return array != null ? array[pos++] : bytes.get(pos++);
    }

    long readLong() {
        byte[] a = array;
        if (a != null) {
            return readLong(a);
        }
        ByteBuffer b = bytes;
        int p = pos;
        byte b0 = b.get(p);
        long ret = b0 & 0x7FL;
        if (b0 >= 0) {
            pos = p + 1;
            return ret;
        }
        byte b1 = b.get(p + 1);
        ret += (b1 & 0x7FL) << 7;
        if (b1 >= 0) {
            pos = p + 2;
            return ret;
        }
        byte b2 = b.get(p + 2);
        ret += (b2 & 0x7FL) << 14;
        if (b2 >= 0) {
            pos = p + 3;
            return ret;
        }
        byte b3 = b.get(p + 3);
        ret += (b3 & 0x7FL) << 21;
        if (b3 >= 0) {
            pos = p + 4;
            return ret;
        }
        byte b4 = b.get(p + 4);
        ret += (b4 & 0x7FL) << 28;
        if (b4 >= 0) {
            pos = p + 5;
            return ret;
        }
        byte b5 = b.get(p + 5);
        ret += (b5 & 0x7FL) << 35;
        if (b5 >= 0) {
            pos = p + 6;
            return ret;
        }
        byte b6 = b.get(p + 6);
        ret += (b6 & 0x7FL) << 42;
        if (b6 >= 0) {
            pos = p + 7;
            return ret;
        }
        byte b7 = b.get(p + 7);
        ret += (b7 & 0x7FL) << 49;
        if (b7 >= 0) {
            pos = p + 8;
            return ret;
        }
        byte b8 = b.get(p + 8);
        pos = p + 9;
        return ret + ((long) (b8 & 0xFF) << 56);
    }

    private long readLong(byte[] a) {
        int p = pos;
        byte b0 = a[p];
        long ret = b0 & 0x7FL;
        if (b0 >= 0) {
            pos = p + 1;
            return ret;
        }
        byte b1 = a[p + 1];
        ret += (b1 & 0x7FL) << 7;
        if (b1 >= 0) {
            pos = p + 2;
            return ret;
        }
        byte b2 = a[p + 2];
        ret += (b2 & 0x7FL) << 14;
        if (b2 >= 0) {
            pos = p + 3;
            return ret;
        }
        byte b3 = a[p + 3];
        ret += (b3 & 0x7FL) << 21;
        if (b3 >= 0) {
            pos = p + 4;
            return ret;
        }
        byte b4 = a[p + 4];
        ret += (b4 & 0x7FL) << 28;
        if (b4 >= 0) {
            pos = p + 5;
            return ret;
        }
        byte b5 = a[p + 5];
        ret += (b5 & 0x7FL) << 35;
        if (b5 >= 0) {
            pos = p + 6;
            return ret;
        }
        byte b6 = a[p + 6];
        ret += (b6 & 0x7FL) << 42;
        if (b6 >= 0) {
            pos = p + 7;
            return ret;
        }
        byte b7 = a[p + 7];
        ret += (b7 & 0x7FL) << 49;
        if (b7 >= 0) {
            pos = p + 8;
            return ret;
        }
        byte b8 = a[p + 8];
        pos = p + 9;
        return ret + ((long) (b8 & 0xFF) << 56);
    }

    /** Skips {@code n} compressed integers without assembling them. */
    void skipLongs(int n) {
        byte[] a = array;
        if (a == null) {
            for (int i = 0; i < n; i++) {
                skipLong();
            }
            return;
        }
        int p = pos;
        for (int i = 0; i < n; i++) {
            int end = p + 8;
            while (p < end && a[p] < 0) {
                p++;
            }
            p++;
        }
        pos = p;
    }

    /** Skips one compressed integer without assembling it. */
    void skipLong() {
        byte[] a = array;
        if (a != null) {
            int p = pos;
            int end = p + 8;
            while (p < end && a[p] < 0) {
                p++;
            }
            pos = p + 1;
            return;
        }
        ByteBuffer b = bytes;
        int p = pos;
        for (int i = 0; i < 8; i++) {
            if (b.get(p++) >= 0) {
                pos = p;
                return;
            }
        }
        pos = p + 1;
    }

    int readInt() {
        return (int) readLong();
    }

    int readRawInt() {
        int v = bytes.getInt(pos); // big-endian, as JFR writes floats
        pos += 4;
        return v;
    }

    long readRawLong() {
        long v = bytes.getLong(pos);
        pos += 8;
        return v;
    }

    void skip(int n) {
        pos += n;
    }

    long rawLongAt(int at) {
        return bytes.getLong(at);
    }

    /** Requires {@code n} more bytes, as the JDK does before allocating for a length it read. */
    void require(long n, String what) throws IOException {
        if (n < 0 || n > limit - pos) {
            throw new IOException(what + " size " + n + " exceeds available data");
        }
    }

    // ---- strings: encoding byte, then the content ----

    static final byte STRING_NULL = 0, STRING_EMPTY = 1, STRING_POOL = 2, STRING_UTF8 = 3, STRING_CHARS = 4,
            STRING_LATIN1 = 5;

    /**
     * Reads an inline string. For a constant-pool reference it returns {@link #POOL_REFERENCE} and leaves
     * the key in {@link #lastPoolKey}: resolving it needs the chunk's pools.
     */
    String readString() throws IOException {
        byte encoding = readByte();
        switch (encoding) {
            case STRING_NULL:
                return null;
            case STRING_EMPTY:
                return "";
            case STRING_POOL:
                lastPoolKey = readLong();
                return POOL_REFERENCE;
            case STRING_UTF8:
                return readBytes(true);
            case STRING_LATIN1:
                return readBytes(false);
            case STRING_CHARS: {
                int size = readInt();
                require(size, "String");
                char[] chars = new char[size];
                for (int i = 0; i < size; i++) {
                    chars[i] = (char) readLong();
                }
                return new String(chars);
            }
            default:
                throw new IOException("Unknown string encoding " + encoding);
        }
    }

    /** Marker returned by {@link #readString()} for a string held in the constant pool. */
    static final String POOL_REFERENCE = new String("<pool>");
    long lastPoolKey;

    private String readBytes(boolean utf8) throws IOException {
        int size = readInt();
        require(size, "String");
        if (scratch.length < size) {
            scratch = new byte[Math.max(size, scratch.length * 2)];
        }
        if (array != null) {
            System.arraycopy(array, pos, scratch, 0, size);
        } else {
            bytes.get(pos, scratch, 0, size);
        }
        pos += size;
        return new String(scratch, 0, size, utf8 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    }

    void skipString() throws IOException {
        byte encoding = readByte();
        switch (encoding) {
            case STRING_NULL, STRING_EMPTY -> {
            }
            case STRING_POOL -> skipLong();
            case STRING_UTF8, STRING_LATIN1 -> {
                int size = readInt();
                pos += size;
            }
            case STRING_CHARS -> {
                int size = readInt();
                for (int i = 0; i < size; i++) {
                    skipLong();
                }
            }
            default -> throw new IOException("Unknown string encoding " + encoding);
        }
    }
}
