package dev.hashscope.event.fast;

import dev.hashscope.util.LongObjectMap;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * The parsing side of a read: walks one chunk's event records, counts every event by type, skips the
 * types nobody wants by their size and copies the wanted fields of the others into compact batches
 * (longs; strings aside). Knows nothing about symbols, so it can run ahead on its own thread.
 */
final class ChunkDecoder {
    /** A chunk being delivered: its constants (resolved by the parser), its plans and its object table. */
    static final class Chunk {
        final int index;
        final Constants constants;
        final EventPlan[] plans;
        /**
         * The objects (constants, strings) this chunk's events refer to, by the index a batch slot holds;
         * [0] is null. Batches hold only longs: a batch is reused for the whole read and so lives in the old
         * generation, where every store of a young object's reference costs a G1 post-write barrier with a
         * fence. Here each object is stored once per chunk, into a young array. Written by the parser only;
         * a grown array is published through the volatile field, and every index a batch holds was assigned
         * before the batch was handed over.
         */
        private volatile Object[] objects = new Object[256];
        private int objectCount = 1;

        Chunk(int index, Constants constants, EventPlan[] plans) {
            this.index = index;
            this.constants = constants;
            this.plans = plans;
        }

        /** The objects array to resolve a delivered batch's slots with (the delivering thread). */
        Object[] objects() {
            return objects;
        }

        /** The slot value for {@code o} (the parser): 0 for null, a constant's index once per chunk. */
        long indexOf(Object o) {
            if (o == null) {
                return 0;
            }
            if (o instanceof Constants.Shared c) {
                if (c.tableChunk != index) {
                    c.tableChunk = index;
                    c.tableIndex = add(o);
                }
                return c.tableIndex;
            }
            return add(o);
        }

        private int add(Object o) {
            Object[] a = objects;
            int i = objectCount++;
            if (i == a.length) {
                a = java.util.Arrays.copyOf(a, a.length * 2);
                a[i] = o;
                objects = a;
            } else {
                a[i] = o;
            }
            return i;
        }
    }

    /**
     * Decoded events: per event the plan index, start, duration (nanos) and the plan's slots, all longs; a
     * slot holding a constant or a string holds its index in the chunk's {@link Chunk#objects()}.
     */
    static final class Batch {
        static final int CAPACITY = 1 << 15;
        Chunk chunk;
        final long[] data = new long[CAPACITY];
        int length;
        /** Chunk-relative offset that every event of this batch lies before. */
        int endPos;

        Batch(Chunk chunk) {
            this.chunk = chunk;
        }
    }

    /**
     * Delivered batches, back for reuse: a 300 MB recording fills some 1,500 batches of 400 KB, and
     * allocating (and zeroing, and collecting) each anew cost the parser thread more than filling them.
     * Thread-safe: the delivering thread gives, the parser takes.
     */
    static final class Batches {
        /** The pipeline's queue, the batch being delivered and the one being filled. */
        private static final int SPARE = 20;
        private final ArrayBlockingQueue<Batch> free = new ArrayBlockingQueue<>(SPARE);

        Batch take(Chunk chunk) {
            Batch b = free.poll();
            if (b == null) {
                return new Batch(chunk);
            }
            b.chunk = chunk;
            b.length = 0;
            return b;
        }

        /** Takes back a delivered batch. */
        void give(Batch b) {
            b.chunk = null;
            b.length = 0;
            free.offer(b);
        }
    }

    /** Receives batches in order. */
    interface Output {
        void batch(Batch b) throws IOException;
    }

    private final ChunkInput in;
    private final Chunk chunk;
    private final Constants constants;
    private final TimeBase time;
    private final EventPlan[] byTypeId;
    private final LongObjectMap<EventPlan> byLargeTypeId;
    private final Batches batches;

    ChunkDecoder(ChunkInput in, Chunk chunk, TimeBase time, Batches batches) {
        this.batches = batches;
        this.in = in;
        this.chunk = chunk;
        this.constants = chunk.constants;
        this.time = time;
        long max = 0;
        for (EventPlan p : chunk.plans) {
            max = Math.max(max, p.type.id);
        }
        int n = (int) Math.min(max + 1, 1 << 16);
        byTypeId = new EventPlan[Math.max(n, 2)];
        byLargeTypeId = new LongObjectMap<>(4);
        for (EventPlan p : chunk.plans) {
            if (p.type.id >= 0 && p.type.id < byTypeId.length) {
                byTypeId[(int) p.type.id] = p;
            } else {
                byLargeTypeId.put(p.type.id, p);
            }
        }
    }

    static EventPlan[] toArray(List<EventPlan> plans) {
        return plans.toArray(new EventPlan[0]);
    }

    /** The end of a chunk: its event counts, by plan index. */
    record ChunkEnd(Chunk chunk, long[] counts) {
    }

    /** Decodes the chunk's events into batches and returns the event counts by plan index. */
    long[] decode(Output out) throws IOException {
        long[] counts = new long[chunk.plans.length];
        Batch batch = batches.take(chunk);
        int end = in.limit();
        int pos = 68;
        EventPlan[] table = byTypeId;
        while (pos < end) {
            in.pos = pos;
            long size = in.readLong();
            if (size <= 0 || size > end - pos) {
                throw new IOException(size == 0 ? "Event can't have zero size"
                        : "event at chunk offset " + pos + " has size " + size + " beyond the chunk");
            }
            long typeId = in.readLong();
            EventPlan p = typeId >= 0 && typeId < table.length ? table[(int) typeId]
                    : typeId > 1 ? byLargeTypeId.get(typeId) : null;
            if (p != null) {
                counts[p.countIndex]++;
                if (p.code != 0) {
                    if (batch.length + 3 + p.slots() > Batch.CAPACITY) {
                        batch.endPos = pos;
                        out.batch(batch);
                        batch = batches.take(chunk);
                    }
                    decodeEvent(p, batch);
                }
            }
            pos += (int) size;
        }
        if (batch.length > 0) {
            batch.endPos = end;
            out.batch(batch);
        } else {
            batches.give(batch);
        }
        return counts;
    }

    private void decodeEvent(EventPlan p, Batch b) throws IOException {
        ChunkInput in = this.in;
        long startTicks = in.readLong();
        long start = time.timestamp(startTicks);
        long duration = 0;
        if (p.hasDuration) {
            long durationTicks = in.readLong();
            long d = time.timestamp(startTicks + durationTicks) - start;
            duration = d < 0 ? 0 : d;
        }
        long[] data = b.data;
        int base = b.length;
        data[base] = p.countIndex;
        data[base + 1] = start;
        data[base + 2] = duration;
        int slots = p.slots();
        int s0 = base + 3;
        for (int s = 0; s < slots; s++) {
            data[s0 + s] = 0;
        }
        b.length = s0 + slots;
        for (int op : p.ops) {
            int arg = op >>> 8;
            switch (op & 0xff) {
                case EventPlan.OP_REF -> data[s0 + arg] = chunk.indexOf(ref(p, arg, in.readLong()));
                case EventPlan.OP_VARINT -> data[s0 + arg] = in.readLong();
                case EventPlan.OP_SKIP_VARINTS -> in.skipLongs(arg);
                case EventPlan.OP_SKIP_FIELD -> Values.skipField(in, p.type.fields[arg]);
                default -> decodeField(p, arg, data, s0);
            }
        }
    }

    /** A captured field that is not a constant or a plain long: by what the slot captures. */
    private void decodeField(EventPlan p, int i, long[] data, int s0) throws IOException {
        ChunkInput in = this.in;
        Metadata.Field f = p.type.fields[i];
        int s = p.slotOfField[i];
        switch (p.caps[s]) {
            case EventPlan.CAP_LONG -> data[s0 + s] = Values.readLong(in, f);
            case EventPlan.CAP_FLOAT -> {
                float v = f.type.kind == Metadata.K_FLOAT ? Float.intBitsToFloat(in.readRawInt())
                        : (float) signed(in, f);
                data[s0 + s] = Float.floatToRawIntBits(v);
            }
            case EventPlan.CAP_BOOL -> data[s0 + s] = in.readByte() != 0 ? 1 : 0;
            case EventPlan.CAP_DOUBLE -> data[s0 + s] = in.readRawLong(); // IEEE bits, big-endian
            case EventPlan.CAP_STRING -> {
                String str = in.readString();
                data[s0 + s] = chunk.indexOf(str == ChunkInput.POOL_REFERENCE
                        ? constants.stringConstant(in.lastPoolKey) : str);
            }
            case EventPlan.CAP_DURATION -> data[s0 + s] = time.durationNanos(signed(in, f), f.timespan);
            case EventPlan.CAP_INSTANT -> data[s0 + s] = time.instantNanos(Values.readLong(in, f), f.timestamp);
            default -> throw new IOException("cannot decode " + f.name);
        }
    }

    /** A constant-pool field's object, through the JDK's per-field "same key as last time" cache. */
    private Object ref(EventPlan p, int slot, long key) throws IOException {
        if (p.lastKey[slot] == key) {
            return p.lastValue[slot];
        }
        Object v = constants.value(p.slotFields[slot].typeId, key);
        p.lastKey[slot] = key;
        p.lastValue[slot] = v;
        return v;
    }

    /** An integral value as {@code RecordedObject.getValue} boxes it (no unsigned widening). */
    private static long signed(ChunkInput in, Metadata.Field f) {
        return switch (f.type.kind) {
            case Metadata.K_BYTE -> in.readByte();
            case Metadata.K_CHAR -> (char) in.readLong();
            case Metadata.K_SHORT -> (short) in.readLong();
            case Metadata.K_INT -> (int) in.readLong();
            default -> in.readLong();
        };
    }
}
