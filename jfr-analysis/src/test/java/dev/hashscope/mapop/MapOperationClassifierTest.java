package dev.hashscope.mapop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hashscope.event.FrameType;
import dev.hashscope.event.Symbols;
import dev.hashscope.mapop.MapOperation.Callback;
import dev.hashscope.mapop.MapOperation.Operation;
import dev.hashscope.mapop.MapOperation.Phase;
import org.junit.jupiter.api.Test;

/** Stack shapes as JDK 17 records them for each map pathology (top frame first, as in JFR). */
class MapOperationClassifierTest {
    private final Symbols symbols = new Symbols();
    private final MapOperationClassifier classifier = new MapOperationClassifier(symbols);

    private MapOperation classify(String... topFirst) {
        int[] frames = new int[topFirst.length];
        for (int i = 0; i < topFirst.length; i++) {
            String f = topFirst[i];
            int colon = f.lastIndexOf(':');
            int line = colon > 0 ? Integer.parseInt(f.substring(colon + 1)) : -1;
            String name = colon > 0 ? f.substring(0, colon) : f;
            int dot = name.lastIndexOf('.');
            frames[i] = symbols.frame(symbols.method(name.substring(0, dot), name.substring(dot + 1)), line,
                    FrameType.JIT_COMPILED);
        }
        return classifier.classify(symbols.stack(frames, frames.length, false));
    }

    private String label(int frame) {
        return symbols.frameLabel(frame);
    }

    @Test
    void resizeUnderPutNamesTheCallSiteLine() {
        MapOperation op = classify("java.util.HashMap.resize:699", "java.util.HashMap.putVal:664",
                "java.util.HashMap.put:610", "demo.IndexBuilder.build:42", "demo.Main.main:12");
        assertEquals(MapKind.HASH_MAP, op.kind());
        assertEquals(Operation.PUT, op.operation());
        assertEquals(Phase.RESIZE, op.phase());
        assertEquals("demo.IndexBuilder.build:42", label(op.callSiteFrame()));
        assertEquals("java.util.HashMap.put:610", label(op.entryFrame()));
        assertEquals(Callback.NONE, op.callback());
        assertNull(op.enclosing());
    }

    @Test
    void treeBinLookupWithTheKeysEqualsCalledBack() {
        MapOperation op = classify("demo.OrderKey.equals:30",
                "java.util.concurrent.ConcurrentHashMap$TreeNode.findTreeNode:2770",
                "java.util.concurrent.ConcurrentHashMap$TreeBin.find:2965",
                "java.util.concurrent.ConcurrentHashMap.get:940", "demo.OrderBook.lookup:55");
        assertEquals(MapKind.CONCURRENT_HASH_MAP, op.kind());
        assertEquals(Operation.GET, op.operation());
        assertEquals(Phase.TREE_BIN, op.phase());
        assertEquals(Callback.EQUALS, op.callback());
        assertEquals("demo.OrderKey.equals:30", label(op.callbackFrame()));
        assertEquals("demo.OrderBook.lookup:55", label(op.callSiteFrame()));
    }

    @Test
    void computeIfAbsentRunningTheMappingFunction() {
        MapOperation op = classify("java.lang.Thread.sleep", "demo.PriceCache.lambda$price$0:21",
                "demo.PriceCache$$Lambda$14/0x0000000800c03000.apply",
                "java.util.concurrent.ConcurrentHashMap.computeIfAbsent:1708", "demo.PriceCache.price:20");
        assertEquals(Operation.COMPUTE_IF_ABSENT, op.operation());
        assertEquals(Callback.FUNCTION, op.callback());
        assertEquals("demo.PriceCache$$Lambda$14/0x0000000800c03000.apply", label(op.callbackFrame()));
        assertEquals("demo.PriceCache.price:20", label(op.callSiteFrame()));
    }

    @Test
    void synchronizedMapIsTheKindAndHashMapTheImplementation() {
        MapOperation op = classify("java.util.HashMap.putVal", "java.util.HashMap.put",
                "java.util.Collections$SynchronizedMap.put:2604", "demo.SessionRegistry.touch:17");
        assertEquals(MapKind.SYNCHRONIZED_MAP, op.kind());
        assertEquals(MapKind.HASH_MAP, op.implementation());
        assertEquals(Operation.PUT, op.operation());
        assertEquals("demo.SessionRegistry.touch:17", label(op.callSiteFrame()));
    }

    @Test
    void hashtableMonitorIsTakenInPut() {
        MapOperation op = classify("java.util.Hashtable.put:479", "demo.Inventory.record:33");
        assertEquals(MapKind.HASHTABLE, op.kind());
        assertEquals(Operation.PUT, op.operation());
        assertEquals(Phase.NONE, op.phase());
    }

    @Test
    void copyConstructorIsACopy() {
        MapOperation op = classify("java.util.HashMap.resize", "java.util.HashMap.putMapEntries",
                "java.util.HashMap.<init>:490", "demo.FeatureFlags.set:28");
        assertEquals(Operation.COPY, op.operation());
        assertEquals(MapKind.HASH_MAP, op.kind());
        assertEquals("demo.FeatureFlags.set:28", label(op.callSiteFrame()));
        MapOperation empty = classify("java.util.HashMap.<init>", "demo.Factory.make");
        assertEquals(Operation.CONSTRUCT, empty.operation());
    }

    @Test
    void setsReportTheSetAndItsBackingMap() {
        MapOperation op = classify("java.util.HashMap.resize", "java.util.HashMap.putVal", "java.util.HashMap.put",
                "java.util.HashSet.add:221", "demo.Dedup.seen:9");
        assertEquals(MapKind.HASH_SET, op.kind());
        assertEquals(MapKind.HASH_MAP, op.implementation());
        assertEquals(Operation.PUT, op.operation());
        assertEquals(Phase.RESIZE, op.phase());
    }

    @Test
    void transferOutranksTheCounterUpdateThatTriggeredIt() {
        MapOperation op = classify("java.util.concurrent.ConcurrentHashMap.transfer",
                "java.util.concurrent.ConcurrentHashMap.addCount", "java.util.concurrent.ConcurrentHashMap.putVal",
                "java.util.concurrent.ConcurrentHashMap.put", "demo.Registry.add");
        assertEquals(Phase.TRANSFER, op.phase());
        MapOperation help = classify("java.util.concurrent.ConcurrentHashMap.transfer",
                "java.util.concurrent.ConcurrentHashMap.helpTransfer", "java.util.concurrent.ConcurrentHashMap.putVal",
                "java.util.concurrent.ConcurrentHashMap.put", "demo.Registry.add");
        assertEquals(Phase.HELP_TRANSFER, help.phase());
        MapOperation treeify = classify("java.util.concurrent.ConcurrentHashMap$TreeBin.<init>",
                "java.util.concurrent.ConcurrentHashMap.treeifyBin", "java.util.concurrent.ConcurrentHashMap.putVal",
                "java.util.concurrent.ConcurrentHashMap.put", "demo.Registry.add");
        assertEquals(Phase.TREEIFY, treeify.phase());
    }

    @Test
    void forwardingNodeFindIsNotTreeWork() {
        MapOperation op = classify("java.util.concurrent.ConcurrentHashMap$ForwardingNode.find",
                "java.util.concurrent.ConcurrentHashMap.get", "demo.Registry.lookup");
        assertEquals(Phase.NONE, op.phase());
        assertEquals(Operation.GET, op.operation());
    }

    @Test
    void keyHashCodeCalledFromTheMap() {
        MapOperation op = classify("demo.BadKey.hashCode:14", "java.util.HashMap.hash", "java.util.HashMap.get",
                "demo.Lookup.find:8");
        assertEquals(Callback.HASH_CODE, op.callback());
        assertEquals(Operation.GET, op.operation());
    }

    @Test
    void mergeCounterBoxesInsideTheRemappingFunction() {
        MapOperation op = classify("java.lang.Long.valueOf", "demo.Counter$$Lambda$3/0x1.apply",
                "java.util.HashMap.merge:1371", "demo.Counter.count:19");
        assertEquals(Operation.MERGE, op.operation());
        assertEquals(Callback.FUNCTION, op.callback());
    }

    @Test
    void nestedOperationsKeepTheEnclosingOne() {
        MapOperation op = classify("java.util.HashMap.resize", "java.util.HashMap.putVal", "java.util.HashMap.put",
                "demo.Loader.lambda$load$0:31", "demo.Loader$$Lambda$7/0x2.apply",
                "java.util.concurrent.ConcurrentHashMap.computeIfAbsent", "demo.Loader.load:30");
        assertEquals(MapKind.HASH_MAP, op.kind());
        assertEquals(Phase.RESIZE, op.phase());
        assertEquals("demo.Loader.lambda$load$0:31", label(op.callSiteFrame()));
        MapOperation outer = op.enclosing();
        assertEquals(MapKind.CONCURRENT_HASH_MAP, outer.kind());
        assertEquals(Operation.COMPUTE_IF_ABSENT, outer.operation());
        assertEquals(Callback.FUNCTION, outer.callback());
        assertEquals("demo.Loader.load:30", label(outer.callSiteFrame()));
        assertEquals(outer, op.outermost());
    }

    @Test
    void defaultMethodsOfMapDeferToTheConcreteMap() {
        MapOperation op = classify("java.util.HashMap.get", "java.util.Map.getOrDefault", "demo.Conf.value");
        assertEquals(MapKind.HASH_MAP, op.kind());
        assertEquals(Operation.GET, op.operation());
    }

    @Test
    void stacksOutsideMapsAreNotMapOperations() {
        assertNull(classify("demo.Work.run", "java.lang.Thread.run"));
        assertNull(classifier.classify(Symbols.NO_STACK));
        assertNull(classify("java.util.TreeMap.put", "demo.Work.run"), "TreeMap is not a hash table");
    }

    @Test
    void aStackThatStartsInsideTheMapHasNoCallSite() {
        MapOperation op = classify("java.util.HashMap.resize", "java.util.HashMap.putVal");
        assertEquals(Symbols.NONE, op.callSiteFrame());
    }

    @Test
    void mapKindsByClass() {
        assertEquals(MapKind.CONCURRENT_HASH_MAP, MapKind.ofClass("java.util.concurrent.ConcurrentHashMap$TreeBin"));
        assertEquals(MapKind.LINKED_HASH_MAP, MapKind.ofClass("java.util.LinkedHashMap$LinkedHashIterator"));
        assertEquals(MapKind.SYNCHRONIZED_MAP, MapKind.ofClass("java.util.Collections$SynchronizedMap"));
        assertEquals(MapKind.IMMUTABLE_MAP, MapKind.ofClass("java.util.ImmutableCollections$MapN"));
        assertNull(MapKind.ofClass("java.util.Collections$SynchronizedList"));
        assertNull(MapKind.ofClass("java.util.ArrayList"));
        assertNull(MapKind.ofClass("com.acme.HashMap"));
        assertTrue(MapKind.isMapClass("java.util.WeakHashMap$Entry"));
        assertFalse(MapKind.isMapClass(""));
    }
}
