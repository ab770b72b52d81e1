package dev.hashscope.event.fast;

import java.nio.file.Path;
import jdk.jfr.DataAmount;
import jdk.jfr.Event;
import jdk.jfr.Name;
import jdk.jfr.Recording;
import jdk.jfr.StackTrace;

/**
 * A recording with the map probe's event, written by a copy of its event class (same name, same field names and
 * types as {@code dev.hashscope.probe.MapBucketsEvent}), next to a custom event no reader knows.
 */
final class ProbeEvents {
    static final int TABLES = 3;
    static final String UNKNOWN = "acme.Unknown";

    private ProbeEvents() {
    }

    @Name("hashscope.MapBuckets")
    @StackTrace(false)
    static final class MapBucketsEvent extends Event {
        String map;
        String kind;
        String keyClass;
        int identity;
        int capacity;
        int size;
        float loadFactor;
        double capacityRatio;
        int treeifiedBins;
        int longestChain;
        double averageProbe;
        double distinctHashRatio;
        int hashedEntries;
        String histogram;
        String remixedHistogram;
        String chainVector;
        int bucketsPerValue;
        String treeifiedValues;
        @DataAmount
        long tableBytes;
    }

    @Name(UNKNOWN)
    static final class UnknownEvent extends Event {
        String note;
        double value;
        int count;
    }

    static Path record(Path file) throws Exception {
        try (Recording r = new Recording()) {
            r.enable(MapBucketsEvent.class);
            r.enable(UnknownEvent.class);
            r.start();
            for (int i = 0; i < TABLES; i++) {
                UnknownEvent u = new UnknownEvent();
                u.note = "not ours " + i;
                u.value = i / 3.0;
                u.count = i;
                u.commit();
                MapBucketsEvent e = new MapBucketsEvent();
                e.map = i == 0 ? "com.acme.Registry.sessions" : "Thread[main].local(com.acme.Ctx.CACHE)#" + i;
                e.kind = i == 0 ? "HashMap" : "Collections$SynchronizedMap>ConcurrentHashMap";
                e.keyClass = "com.acme.Key";
                e.identity = 0x5eed + i;
                e.capacity = 64;
                e.size = 13 + i;
                e.loadFactor = 0.75f;
                e.capacityRatio = e.size / 64.0;
                e.treeifiedBins = 1;
                e.longestChain = 9;
                e.averageProbe = 43 / 13.0 + i;
                e.distinctHashRatio = 3 / 13.0;
                e.hashedEntries = 13;
                e.histogram = "61,1,0,1,0*4,1";
                e.remixedHistogram = i == 2 ? "" : "61,1,0,1,0*4,1";
                e.chainVector = "3,1,0*3,9,0*58";
                e.bucketsPerValue = 1;
                e.treeifiedValues = "5";
                e.tableBytes = 16 + 64 * 4;
                e.commit();
            }
            r.stop();
            r.dump(file);
        }
        return file;
    }
}
