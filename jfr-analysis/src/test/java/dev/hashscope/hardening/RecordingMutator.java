package dev.hashscope.hardening;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Makes damaged recordings from good ones, deterministically: case {@code i} of seed {@code s} is always the same
 * bytes, so a failure found in a long run is reproduced with {@code --seed s --case i}.
 *
 * <p>The damage is what files suffer and what parsers trip on: bit flips anywhere; truncation at any byte;
 * splices of two recordings; chunk-header fields (size, constant-pool and metadata offsets, times, ticks, features)
 * set to boundary values; event sizes rewritten in place; huge or endless compressed integers written where
 * the metadata, the constant pools or an event start; byte runs inserted or deleted (every later offset moves);
 * a chunk repeated. One to three of them are stacked per case.
 */
final class RecordingMutator {
    /** A damaged recording and what was done to it (the base file, then each mutation), for the report. */
    record Mutant(String description, byte[] bytes) {
    }

    private static final int HEADER = 68;
    private static final long[] BOUNDARY = {0, 1, -1, 67, 68, 69, 127, 128, 255, 65_535, Integer.MAX_VALUE,
            Integer.MAX_VALUE + 1L, Integer.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE, 0xFFFF_FFFFL};
    private static final String[] HEADER_FIELDS = {"size", "constantPoolOffset", "metadataOffset", "startNanos",
            "durationNanos", "startTicks", "ticksPerSecond", "features"};

    private final List<String> names;
    private final List<byte[]> bases;

    RecordingMutator(List<String> names, List<byte[]> bases) {
        if (names.isEmpty() || names.size() != bases.size()) {
            throw new IllegalArgumentException("need at least one base recording");
        }
        this.names = List.copyOf(names);
        this.bases = List.copyOf(bases);
    }

    /** Base recording {@code i}, undamaged. */
    byte[] base(int i) {
        return bases.get(i).clone();
    }

    /** The damaged recording of case {@code index} under {@code seed}. */
    Mutant mutant(long seed, long index) {
        Random r = new Random(seed * 0x9E37_79B9_7F4A_7C15L + index);
        int base = r.nextInt(bases.size());
        byte[] b = bases.get(base).clone();
        StringBuilder what = new StringBuilder(names.get(base));
        int steps = 1 + (r.nextInt(4) == 0 ? 1 + r.nextInt(2) : 0);
        for (int s = 0; s < steps && b.length > 0; s++) {
            what.append(" | ");
            b = mutateOnce(b, r, what);
        }
        return new Mutant(what.toString(), b);
    }

    private byte[] mutateOnce(byte[] b, Random r, StringBuilder what) {
        switch (r.nextInt(11)) {
            case 0 -> {
                int flips = 1 + r.nextInt(16);
                for (int i = 0; i < flips; i++) {
                    int at = r.nextInt(b.length);
                    b[at] ^= (byte) (1 << r.nextInt(8));
                }
                what.append(flips).append(" bit flips");
                return b;
            }
            case 1 -> {
                int cut = r.nextBoolean() ? r.nextInt(Math.min(b.length, 4096)) : r.nextInt(b.length);
                what.append("truncated to ").append(cut).append(" bytes");
                return Arrays.copyOf(b, cut);
            }
            case 2 -> {
                int other = r.nextInt(bases.size());
                byte[] o = bases.get(other);
                int cut = r.nextInt(b.length + 1);
                int from = r.nextInt(o.length);
                what.append("first ").append(cut).append(" bytes + ").append(names.get(other)).append(" from byte ")
                        .append(from);
                byte[] out = Arrays.copyOf(b, cut + o.length - from);
                System.arraycopy(o, from, out, cut, o.length - from);
                return out;
            }
            case 3 -> {
                List<Integer> chunks = chunkStarts(b);
                int chunk = chunks.get(r.nextInt(chunks.size()));
                int field = r.nextInt(HEADER_FIELDS.length);
                int at = chunk + 8 + field * 8;
                if (at + 8 > b.length) {
                    return truncatedHeader(b, r, what);
                }
                long old = ByteBuffer.wrap(b).getLong(at);
                long v = interesting(r, old);
                ByteBuffer.wrap(b).putLong(at, v);
                what.append("chunk@").append(chunk).append(' ').append(HEADER_FIELDS[field]).append(' ').append(old)
                        .append(" -> ").append(v);
                return b;
            }
            case 4 -> {
                return eventSize(b, r, what);
            }
            case 5 -> {
                int at = target(b, r);
                int len = Math.min(b.length - at, 1 + r.nextInt(64));
                for (int i = 0; i < len; i++) {
                    b[at + i] = (byte) r.nextInt(256);
                }
                what.append(len).append(" random bytes at ").append(at);
                return b;
            }
            case 6 -> {
                int at = target(b, r);
                // 0x80 continues a compressed integer; nine of them end on a full byte: the largest value,
                // and a run of them is a length or count no reader may trust.
                int len = Math.min(b.length - at, r.nextBoolean() ? 9 : 1 + r.nextInt(32));
                byte fill = r.nextBoolean() ? (byte) 0xFF : (byte) 0x80;
                Arrays.fill(b, at, at + len, fill);
                what.append(len).append(String.format(" bytes 0x%02X at ", fill & 0xff)).append(at);
                return b;
            }
            case 7 -> {
                int at = r.nextInt(b.length);
                int len = Math.min(b.length - at, 1 + r.nextInt(r.nextBoolean() ? 8 : 4096));
                what.append("deleted ").append(len).append(" bytes at ").append(at);
                byte[] out = new byte[b.length - len];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(b, at + len, out, at, b.length - at - len);
                return out;
            }
            case 8 -> {
                int at = r.nextInt(b.length + 1);
                int len = 1 + r.nextInt(r.nextBoolean() ? 8 : 512);
                byte[] ins = new byte[len];
                r.nextBytes(ins);
                what.append("inserted ").append(len).append(" random bytes at ").append(at);
                byte[] out = new byte[b.length + len];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(ins, 0, out, at, len);
                System.arraycopy(b, at, out, at + len, b.length - at);
                return out;
            }
            case 9 -> {
                List<Integer> chunks = chunkStarts(b);
                int i = r.nextInt(chunks.size());
                int start = chunks.get(i);
                int end = i + 1 < chunks.size() ? chunks.get(i + 1) : b.length;
                what.append("chunk@").append(start).append(" repeated at the end");
                byte[] out = Arrays.copyOf(b, b.length + end - start);
                System.arraycopy(b, start, out, b.length, end - start);
                return out;
            }
            default -> {
                int flips = 1 + r.nextInt(4);
                int at = target(b, r);
                for (int i = 0; i < flips; i++) {
                    int p = Math.min(b.length - 1, at + r.nextInt(32));
                    b[p] ^= (byte) (1 << r.nextInt(8));
                }
                what.append(flips).append(" bit flips near ").append(at);
                return b;
            }
        }
    }

    private static byte[] truncatedHeader(byte[] b, Random r, StringBuilder what) {
        int cut = r.nextInt(Math.min(b.length, HEADER));
        what.append("truncated to ").append(cut).append(" bytes");
        return Arrays.copyOf(b, cut);
    }

    private static long interesting(Random r, long old) {
        return switch (r.nextInt(4)) {
            case 0 -> BOUNDARY[r.nextInt(BOUNDARY.length)];
            case 1 -> old + r.nextInt(33) - 16;
            case 2 -> old * 2 + 1;
            default -> r.nextLong();
        };
    }

    /**
     * Where damage hurts most: the metadata event, a constant pool, a chunk's first events, or anywhere;
     * the offsets come from the first chunk's header when it is intact.
     */
    private static int target(byte[] b, Random r) {
        if (b.length > HEADER && r.nextInt(3) > 0) {
            ByteBuffer h = ByteBuffer.wrap(b);
            long region = switch (r.nextInt(3)) {
                case 0 -> h.getLong(24);
                case 1 -> h.getLong(16);
                default -> HEADER;
            };
            if (region >= 0 && region < b.length) {
                return (int) Math.min(b.length - 1, region + r.nextInt(256));
            }
        }
        return r.nextInt(b.length);
    }

    /** Rewrites one event's size field in place (same width, padded as the JDK writes it) with a boundary value. */
    private static byte[] eventSize(byte[] b, Random r, StringBuilder what) {
        List<int[]> events = new ArrayList<>(); // {offset, width, size}
        int limit = b.length;
        if (limit >= HEADER) {
            long chunkSize = ByteBuffer.wrap(b).getLong(8);
            if (chunkSize > HEADER && chunkSize <= b.length) {
                limit = (int) chunkSize;
            }
        }
        int pos = HEADER;
        while (pos < limit && events.size() < 100_000) {
            long size = 0;
            int width = 0;
            int shift = 0;
            int p = pos;
            while (p < limit && width < 9) {
                int v = b[p++] & 0xff;
                width++;
                size |= (long) (width == 9 ? v : v & 0x7f) << shift;
                shift += 7;
                if (width < 9 && (v & 0x80) == 0) {
                    break;
                }
            }
            if (size <= 0 || size > limit - pos) {
                break;
            }
            events.add(new int[]{pos, width, (int) size});
            pos += (int) size;
        }
        if (events.isEmpty()) {
            return truncatedHeader(b, r, what);
        }
        int[] e = events.get(r.nextInt(events.size()));
        int width = Math.min(e[1], 8);
        long max = (1L << (7 * width)) - 1;
        long v = switch (r.nextInt(5)) {
            case 0 -> 0;
            case 1 -> e[2] + 1;
            case 2 -> e[2] - 1;
            case 3 -> max;
            default -> r.nextLong() & max;
        };
        for (int i = 0; i < width; i++) {
            int bits = (int) (v >>> (7 * i)) & 0x7f;
            b[e[0] + i] = (byte) (i < width - 1 ? bits | 0x80 : bits);
        }
        what.append("event@").append(e[0]).append(" size ").append(e[2]).append(" -> ").append(v);
        return b;
    }

    /** Chunk starts found by following the header size fields while they make sense; at least {0}. */
    static List<Integer> chunkStarts(byte[] b) {
        List<Integer> out = new ArrayList<>();
        int pos = 0;
        while (pos + HEADER <= b.length && out.size() < 10_000) {
            out.add(pos);
            long size = ByteBuffer.wrap(b).getLong(pos + 8);
            if (size < HEADER || size > b.length - pos) {
                break;
            }
            pos += (int) size;
        }
        if (out.isEmpty()) {
            out.add(0);
        }
        return out;
    }
}
