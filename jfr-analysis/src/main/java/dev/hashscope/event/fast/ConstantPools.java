package dev.hashscope.event.fast;

import dev.hashscope.util.LongObjectMap;

import java.io.IOException;

/**
 * Where each constant of a chunk lies: pool type id, then key, to the offset of its value. Values are
 * decoded only when an event needs them. Built by walking the chunk's checkpoint events from the last
 * one backwards (the header points at the last; each holds the delta to the one before), as the JDK
 * does; a key listed twice keeps the entry met last in that walk, as in the JDK's pools.
 */
final class ConstantPools {
    private static final long CONSTANT_POOL_TYPE_ID = 1;

    final LongObjectMap<LongIntMap> byType = new LongObjectMap<>(64);

    LongIntMap pool(long typeId) {
        return byType.get(typeId);
    }

    static ConstantPools index(ChunkInput in, long constantPoolOffset, Metadata metadata) throws IOException {
        ConstantPools pools = new ConstantPools();
        long thisCp = constantPoolOffset;
        long delta = -1;
        int guard = 0;
        while (delta != 0) {
            if (thisCp < 0 || thisCp >= in.limit() || ++guard > 1_000_000) {
                throw new IOException("constant pool offset " + thisCp + " outside the chunk");
            }
            int start = (int) thisCp;
            in.pos = start;
            long size = in.readLong();
            long typeId = in.readLong();
            if (typeId != CONSTANT_POOL_TYPE_ID) {
                throw new IOException("Expected check point event (id = 1) at position " + start
                        + ", but found type id = " + typeId);
            }
            in.readLong(); // timestamp
            in.readLong(); // duration
            delta = in.readLong();
            thisCp += delta;
            in.readByte(); // flush / checkpoint type
            int poolCount = in.readInt();
            for (int i = 0; i < poolCount; i++) {
                long poolType = in.readLong();
                Metadata.Type type = metadata.type(poolType);
                if (type == null) {
                    throw new IOException("Error parsing constant pool type unknown(" + poolType + ") at position "
                            + in.pos);
                }
                int count = in.readInt();
                if (count == 0) {
                    throw new IOException("Pool " + type.name + " must contain at least one element");
                }
                // Every entry takes at least a byte: a count beyond the bytes left is damage, not a pool to size.
                in.require(count, "Pool " + type.name);
                LongIntMap keys = pools.byType.get(poolType);
                if (keys == null) {
                    keys = new LongIntMap(Math.min(count, 1 << 16));
                    pools.byType.put(poolType, keys);
                }
                for (int j = 0; j < count; j++) {
                    long key = in.readLong();
                    keys.put(key, in.pos);
                    Values.skipType(in, type);
                }
            }
            if (in.pos != start + size) {
                throw new IOException("Size of check point event doesn't match content");
            }
        }
        return pools;
    }
}
