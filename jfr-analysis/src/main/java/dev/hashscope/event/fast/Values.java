package dev.hashscope.event.fast;

import java.io.IOException;

/** Skipping and reading field values by their metadata, the way the JDK's parsers consume them. */
final class Values {
    private Values() {
    }

    static void skipField(ChunkInput in, Metadata.Field f) throws IOException {
        if (f.array) {
            int n = in.readInt();
            if (n < 0 || n > in.limit()) {
                throw new IOException("Array size " + n + " exceeds available data");
            }
            if (!f.constantPool && f.type.varints > 0) {
                in.skipLongs(n * f.type.varints);
                return;
            }
            for (int i = 0; i < n; i++) {
                skipOne(in, f);
            }
        } else {
            skipOne(in, f);
        }
    }

    static void skipOne(ChunkInput in, Metadata.Field f) throws IOException {
        if (f.constantPool) {
            in.skipLong();
        } else {
            skipType(in, f.type);
        }
    }

    static void skipType(ChunkInput in, Metadata.Type t) throws IOException {
        switch (t.kind) {
            case Metadata.K_BOOLEAN, Metadata.K_BYTE -> in.skip(1);
            case Metadata.K_CHAR, Metadata.K_SHORT, Metadata.K_INT, Metadata.K_LONG -> in.skipLong();
            case Metadata.K_FLOAT -> in.skip(4);
            case Metadata.K_DOUBLE -> in.skip(8);
            case Metadata.K_STRING -> in.skipString();
            case Metadata.K_STRUCT -> {
                if (t.varints > 0) {
                    in.skipLongs(t.varints);
                    return;
                }
                for (Metadata.Field f : t.fields) {
                    skipField(in, f);
                }
            }
            default -> throw new IOException("Unknown primitive type " + t.name);
        }
    }

    /** True when {@link #readLong} can read the field as {@code RecordedObject.getLong} would. */
    static boolean isIntegral(Metadata.Field f) {
        return !f.array && !f.constantPool && switch (f.type.kind) {
            case Metadata.K_BYTE, Metadata.K_CHAR, Metadata.K_SHORT, Metadata.K_INT, Metadata.K_LONG -> true;
            default -> false;
        };
    }

    /** Reads an integral field, widened as {@code RecordedObject.getLong} widens it (unsigned ones zero-extended). */
    static long readLong(ChunkInput in, Metadata.Field f) {
        switch (f.type.kind) {
            case Metadata.K_BYTE: {
                byte b = in.readByte();
                return f.unsigned ? b & 0xFFL : b;
            }
            case Metadata.K_CHAR:
                return (char) in.readLong();
            case Metadata.K_SHORT: {
                short s = (short) in.readLong();
                return f.unsigned ? s & 0xFFFFL : s;
            }
            case Metadata.K_INT: {
                int i = (int) in.readLong();
                return f.unsigned ? i & 0xFFFFFFFFL : i;
            }
            default:
                return in.readLong();
        }
    }
}
