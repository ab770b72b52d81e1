package dev.hashscope.mapop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hashscope.event.AllocationSample;
import dev.hashscope.event.EventSink;
import dev.hashscope.event.ExecutionSample;
import dev.hashscope.event.MonitorBlocked;
import dev.hashscope.event.RecordingLayout;
import dev.hashscope.event.RecordingReader;
import dev.hashscope.event.Symbols;
import dev.hashscope.flame.FlameKind;
import dev.hashscope.testing.Recordings;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The classifier on the stacks the sample workloads really produce. */
class MapOperationRecordingTest {

    /**
     * Weight per "KIND OPERATION PHASE CALLBACK at CALL_SITE_METHOD" over one kind of event; "-" for events
     * outside map code. Also the monitor class per key for lock events.
     */
    static final class Breakdown implements EventSink {
        final FlameKind kind;
        final Map<String, Long> weight = new HashMap<>();
        long total;
        Symbols symbols;
        MapOperationClassifier classifier;

        Breakdown(FlameKind kind) {
            this.kind = kind;
        }

        @Override
        public void begin(RecordingLayout layout, Symbols symbols) {
            this.symbols = symbols;
            this.classifier = new MapOperationClassifier(symbols);
        }

        void add(int stack, long w, String extra) {
            MapOperation op = classifier.classify(stack);
            String key = op == null ? "-" : op.kind() + " " + op.operation() + " " + op.phase() + " " + op.callback()
                    + " at " + (op.callSiteFrame() < 0 ? "?" : symbols.methodLabel(symbols.frameMethod(op.callSiteFrame())))
                    + extra;
            weight.merge(key, w, Long::sum);
            total += w;
        }

        @Override
        public void executionSample(ExecutionSample e) {
            if (kind == FlameKind.CPU) {
                add(e.stack(), 1, "");
            }
        }

        @Override
        public void monitorBlocked(MonitorBlocked e) {
            if (kind == FlameKind.LOCK) {
                add(e.stack(), e.durationNanos(), " on " + symbols.stringAt(e.monitorClass()));
            }
        }

        @Override
        public void allocation(AllocationSample e) {
            if (kind == FlameKind.ALLOC && e.source() == AllocationSample.Source.SAMPLED) {
                add(e.stack(), e.weightBytes(), "");
            }
        }

        double share(String keyPrefix) {
            long w = weight.entrySet().stream().filter(en -> en.getKey().startsWith(keyPrefix))
                    .mapToLong(Map.Entry::getValue).sum();
            return (double) w / total;
        }

        String top() {
            return weight.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            weight.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(8)
                    .forEach(en -> sb.append(String.format("%n  %5.1f%% %s", 100.0 * en.getValue() / total, en.getKey())));
            return sb.toString();
        }
    }

    static Breakdown read(String recording, FlameKind kind) throws Exception {
        Breakdown b = new Breakdown(kind);
        RecordingReader.standard().read(Recordings.sample(recording), b);
        return b;
    }

    @Test
    void hashtableAndSynchronizedMapStallsAreNamedWithTheirCallSites() throws Exception {
        Breakdown b = read("hashtable-contention.jfr", FlameKind.LOCK);
        double hashtable = b.share("HASHTABLE MERGE NONE NONE at dev.hashscope.samples.Inventory.record on java.util.Hashtable");
        double syncMap = b.share("SYNCHRONIZED_MAP COMPUTE NONE NONE at dev.hashscope.samples.SessionRegistry.touch"
                + " on java.util.Collections$SynchronizedMap");
        assertTrue(hashtable > 0.3, b.toString());
        assertTrue(syncMap > 0.2, b.toString());
        assertTrue(hashtable + syncMap > 0.99, b.toString());
    }

    @Test
    void poorHashCpuIsTreeBinWorkAndItsStallsAreOnTreeBins() throws Exception {
        Breakdown cpu = read("chm-poor-hash.jfr", FlameKind.CPU);
        assertTrue(cpu.share("CONCURRENT_HASH_MAP GET TREE_BIN") + cpu.share("CONCURRENT_HASH_MAP PUT TREE_BIN") > 0.8,
                cpu.toString());
        Breakdown lock = read("chm-poor-hash.jfr", FlameKind.LOCK);
        assertTrue(lock.top().startsWith("CONCURRENT_HASH_MAP PUT NONE NONE at dev.hashscope.samples.OrderBook.place"
                + " on java.util.concurrent.ConcurrentHashMap$TreeBin"), lock.toString());
    }

    @Test
    void theSameOnJdk25() throws Exception {
        Breakdown lock = read("chm-poor-hash-jdk25.jfr", FlameKind.LOCK);
        assertTrue(lock.top().startsWith("CONCURRENT_HASH_MAP PUT NONE NONE at dev.hashscope.samples.OrderBook.place"),
                lock.toString());
    }

    @Test
    void computeIfAbsentStallsAndTheLoaderRunningUnderTheLock() throws Exception {
        Breakdown lock = read("chm-compute-hot-key.jfr", FlameKind.LOCK);
        assertEquals("CONCURRENT_HASH_MAP COMPUTE_IF_ABSENT NONE NONE at dev.hashscope.samples.QuoteCache.priceFor"
                + " on java.util.concurrent.ConcurrentHashMap$ReservationNode", lock.top(), lock.toString());
        Breakdown cpu = read("chm-compute-hot-key.jfr", FlameKind.CPU);
        // Of the CPU spent inside the map, nearly all is the loader running while the bin is locked.
        double loader = cpu.share("CONCURRENT_HASH_MAP COMPUTE_IF_ABSENT NONE FUNCTION at dev.hashscope.samples.QuoteCache.priceFor");
        assertTrue(loader > 0.05 && loader / cpu.share("CONCURRENT_HASH_MAP") > 0.9, cpu.toString());
    }

    @Test
    void resizeStormAllocatesTablesInResizeAtTheBuilder() throws Exception {
        Breakdown alloc = read("hashmap-resize-storm.jfr", FlameKind.ALLOC);
        assertTrue(alloc.share("HASH_MAP PUT RESIZE NONE at dev.hashscope.samples.IndexBuilder.build") > 0.2, alloc.toString());
        assertTrue(alloc.share("HASH_MAP PUT") > 0.9, alloc.toString());
    }

    @Test
    void copyOnWriteAllocatesInTheCopyConstructor() throws Exception {
        Breakdown alloc = read("copy-on-write-map.jfr", FlameKind.ALLOC);
        assertTrue(alloc.share("HASH_MAP COPY") > 0.9, alloc.toString());
        assertTrue(alloc.top().endsWith("at dev.hashscope.samples.FeatureFlags.set"), alloc.toString());
    }

    @Test
    void boxingInsideMergeIsAFunctionCallback() throws Exception {
        Breakdown alloc = read("boxing-churn.jfr", FlameKind.ALLOC);
        assertTrue(alloc.share("HASH_MAP MERGE NONE FUNCTION at dev.hashscope.samples.ClickCounter.record") > 0.05,
                alloc.toString());
        // Integer.valueOf for the key runs before the map is called: not inside a map operation.
        assertTrue(alloc.share("-") > 0.3, alloc.toString());
    }

    @Test
    void healthyControlHasNoTreeOrResizeWork() throws Exception {
        Breakdown cpu = read("healthy-control.jfr", FlameKind.CPU);
        assertTrue(cpu.share("CONCURRENT_HASH_MAP") > 0.01, "the control does use its map: " + cpu);
        for (String phase : new String[]{"TREE_BIN", "TREEIFY", "RESIZE", "TRANSFER"}) {
            double s = cpu.weight.entrySet().stream().filter(e -> e.getKey().contains(" " + phase + " "))
                    .mapToLong(Map.Entry::getValue).sum() / (double) cpu.total;
            assertTrue(s < 0.02, phase + cpu);
        }
    }
}
