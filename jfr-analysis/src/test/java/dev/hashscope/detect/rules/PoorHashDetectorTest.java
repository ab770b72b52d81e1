package dev.hashscope.detect.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hashscope.detect.Accumulator;
import dev.hashscope.detect.Finding;
import dev.hashscope.detect.Scores;
import dev.hashscope.detect.Severity;
import dev.hashscope.event.AllocationSample;
import dev.hashscope.event.AllocationSample.Source;
import dev.hashscope.event.EventSink;
import dev.hashscope.event.ExecutionSample;
import dev.hashscope.event.FrameType;
import dev.hashscope.testing.DetectorHarness;
import dev.hashscope.testing.DetectorHarness.Synthetic;
import dev.hashscope.testing.Recordings;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PoorHashDetectorTest {
    private static final String FIND_TREE_NODE = "java.util.concurrent.ConcurrentHashMap$TreeNode.findTreeNode:2753";
    private final PoorHashDetector detector = new PoorHashDetector();
    private final Synthetic synthetic = new Synthetic();
    private final int trader = synthetic.thread("trader-1");
    private final int lookupTree = synthetic.stack(FIND_TREE_NODE,
            "java.util.concurrent.ConcurrentHashMap$TreeBin.find:2900", "java.util.concurrent.ConcurrentHashMap.get:950",
            "demo.OrderBook.lookup:22", "demo.Main.main");
    private final int lookupTreeEquals = synthetic.stack("demo.OrderKey.equals:24", FIND_TREE_NODE,
            "java.util.concurrent.ConcurrentHashMap$TreeBin.find:2900", "java.util.concurrent.ConcurrentHashMap.get:950",
            "demo.OrderBook.lookup:22", "demo.Main.main");
    private final int placeTree = synthetic.stack(FIND_TREE_NODE,
            "java.util.concurrent.ConcurrentHashMap$TreeBin.putTreeVal:2980",
            "java.util.concurrent.ConcurrentHashMap.putVal:1040", "java.util.concurrent.ConcurrentHashMap.put:1006",
            "demo.OrderBook.place:17", "demo.Main.main");
    private final int placeHashCode = synthetic.stack("demo.OrderKey.hashCode:29",
            "java.util.concurrent.ConcurrentHashMap.putVal:1012", "java.util.concurrent.ConcurrentHashMap.put:1006",
            "demo.OrderBook.place:17", "demo.Main.main");
    private final int other = synthetic.stack("demo.Matcher.match:40", "demo.Main.main");

    /** Events in the order a test adds them, to feed one accumulator or several. */
    private final List<Consumer<EventSink>> events = new ArrayList<>();

    private void cpu(int stack, int times) {
        for (int i = 0; i < times; i++) {
            ExecutionSample e = new ExecutionSample(synthetic.at(1 + events.size() * 0.01), trader, stack);
            events.add(s -> s.executionSample(e));
        }
    }

    private void alloc(int stack, String klass, long weight) {
        AllocationSample e = new AllocationSample(synthetic.at(1 + events.size() * 0.01), trader, stack,
                synthetic.klass(klass), weight, Source.SAMPLED);
        events.add(s -> s.allocation(e));
    }

    private List<Finding> run(PoorHashDetector d) {
        Accumulator a = synthetic.accumulator(d);
        events.forEach(e -> e.accept(a));
        return a.findings();
    }

    /** The same events dealt alternately to two accumulators, then merged. */
    private List<Finding> runMerged(PoorHashDetector d) {
        Accumulator a = synthetic.accumulator(d);
        Accumulator b = synthetic.accumulator(d);
        for (int i = 0; i < events.size(); i++) {
            events.get(i).accept(i % 2 == 0 ? a : b);
        }
        a.merge(b);
        return a.findings();
    }

    private static Finding titled(List<Finding> findings, String title) {
        return findings.stream().filter(f -> f.title().equals(title)).findFirst()
                .orElseThrow(() -> new AssertionError("no finding '" + title + "' in " + findings));
    }

    @Test
    void namesTheKeyClassFromTheEqualsFramesInTheTreeWalk() {
        cpu(lookupTree, 30);
        cpu(lookupTreeEquals, 30);
        cpu(other, 40);

        List<Finding> findings = run(detector);

        assertEquals(1, findings.size(), findings.toString());
        Finding f = findings.get(0);
        assertEquals(PoorHashDetector.ID, f.detector());
        assertEquals(Scores.fromCostShare(0.6), f.score());
        assertEquals(Severity.WARNING, f.severity());
        assertEquals("Colliding OrderKey hashes in ConcurrentHashMap at OrderBook.lookup:22", f.title());
        assertTrue(f.summary().startsWith("60 CPU samples (60.0% of all) at OrderBook.lookup:22"), f.summary());
        assertTrue(f.summary().contains("ConcurrentHashMap$TreeNode.findTreeNode"), f.summary());
        assertTrue(f.summary().contains("calls OrderKey.equals"), f.summary());
        assertTrue(f.fix().startsWith("Give demo.OrderKey a hashCode"), f.fix());
        assertTrue(f.fix().contains("Objects.hash(") && f.fix().contains("make demo.OrderKey Comparable"), f.fix());
        assertTrue(f.fix().contains("demo.OrderBook.lookup:22"), f.fix());
        assertTrue(f.explanation().contains("searches both subtrees"), f.explanation());
        assertTrue(f.explanation().contains("takes the bin's lock"), f.explanation());
        assertEquals("demo.OrderBook.lookup:22", f.evidence().callSites().get(0).frame());
        assertEquals("get", f.evidence().callSites().get(0).operation());
        assertEquals(60, f.evidence().callSites().get(0).count());
    }

    @Test
    void mergedAccumulatorsGiveTheSameFindings() {
        cpu(lookupTree, 25);
        cpu(lookupTreeEquals, 5);
        cpu(placeTree, 20);
        cpu(placeHashCode, 3);
        alloc(placeTree, "java.util.concurrent.ConcurrentHashMap$TreeNode", 1 << 20);
        cpu(other, 40);
        List<Finding> single = run(detector);
        assertEquals(2, single.size(), single.toString());
        assertEquals(single, runMerged(detector));
    }

    @Test
    void saysSoWhenTheStacksDoNotShowTheKeyClass() {
        cpu(lookupTree, 50);
        cpu(other, 50);

        Finding f = run(detector).get(0);

        assertEquals("Colliding key hashes in ConcurrentHashMap at OrderBook.lookup:22", f.title());
        assertTrue(f.summary().contains("do not name the key class"), f.summary());
        assertTrue(f.fix().startsWith("Give the map's key class a hashCode"), f.fix());
        assertTrue(f.fix().contains("map.keySet().stream().mapToInt(Object::hashCode).distinct().count()"), f.fix());
    }

    @Test
    void pointsToTheKeyClassSeenAtAnotherCallSiteOfTheSameClass() {
        cpu(lookupTree, 50);
        cpu(placeTree, 20);
        cpu(placeHashCode, 2);
        cpu(other, 28);

        List<Finding> findings = run(detector);

        Finding lookup = titled(findings, "Colliding key hashes in ConcurrentHashMap at OrderBook.lookup:22");
        assertTrue(lookup.summary().contains("OrderBook.place:17, in the same class, calls OrderKey.hashCode"),
                lookup.summary());
        Finding place = titled(findings, "Colliding OrderKey hashes in ConcurrentHashMap at OrderBook.place:17");
        assertTrue(place.summary().contains("The map calls OrderKey.hashCode at this call site"), place.summary());
        assertEquals(Scores.fromCostShare(0.2), place.score());
    }

    @Test
    void comparableKeysAreNotToldToBecomeComparable() {
        int catalogTree = synthetic.stack("demo.Sku.compareTo:40", "java.util.HashMap.compareComparables:370",
                "java.util.HashMap$TreeNode.find:1900", "java.util.HashMap$TreeNode.getTreeNode:1920",
                "java.util.HashMap.getNode:570", "java.util.HashMap.get:556", "demo.Catalog.find:7", "demo.Main.main");
        cpu(catalogTree, 20);
        cpu(other, 80);

        Finding f = run(detector).get(0);

        assertEquals("Colliding Sku hashes in HashMap at Catalog.find:7", f.title());
        assertTrue(f.explanation().contains("The keys are Comparable"), f.explanation());
        assertFalse(f.explanation().contains("TreeBin"), f.explanation());
        assertFalse(f.fix().contains("Comparable"), f.fix());
        assertTrue(f.fix().startsWith("Give demo.Sku a hashCode"), f.fix());
    }

    @Test
    void oneCallSiteIsOneFindingHoweverItsFramesRan() {
        // The same line interpreted and compiled: two frame ids in JFR, one line to fix.
        int[] frames = synthetic.symbols.stackFrames(lookupTree).clone();
        frames[3] = synthetic.symbols.frame(synthetic.symbols.frameMethod(frames[3]), 22, FrameType.INTERPRETED);
        int interpreted = synthetic.symbols.stack(frames, frames.length, false);
        cpu(lookupTree, 20);
        cpu(interpreted, 20);
        cpu(other, 60);

        List<Finding> findings = run(detector);

        assertEquals(1, findings.size(), findings.toString());
        assertEquals(Scores.fromCostShare(0.4), findings.get(0).score());
    }

    @Test
    void reportsTheTreeNodesItAllocated() {
        cpu(placeTree, 30);
        cpu(other, 70);
        alloc(placeTree, "java.util.concurrent.ConcurrentHashMap$TreeNode", 2L << 20);
        alloc(other, "[B", 6L << 20);

        Finding f = run(detector).get(0);

        assertTrue(f.summary().contains("allocated 2.0 MB of tree nodes (25.0% of all allocated bytes)"), f.summary());
        // Allocation is evidence; the score is the CPU share.
        assertEquals(Scores.fromCostShare(0.3), f.score());
    }

    @Test
    void fewOrRareTreeSamplesAreNoFinding() {
        cpu(lookupTree, 9);
        cpu(other, 11);
        Finding few = run(detector).get(0);
        assertEquals(Severity.OK, few.severity());
        assertEquals("No colliding map keys", few.title());
        assertTrue(few.summary().contains("9 (45.0%) were tree-bin work"), few.summary());

        events.clear();
        cpu(lookupTree, 10);
        cpu(other, 1990);
        assertEquals(Severity.OK, run(detector).get(0).severity());
    }

    // ---- the committed sample recordings ----

    @Test
    void poorHashRecordingNamesOrderKeyAtBothCallSites() throws Exception {
        List<Finding> findings = DetectorHarness.run(detector, Recordings.sample("chm-poor-hash.jfr"));

        Finding lookup = titled(findings, "Colliding OrderKey hashes in ConcurrentHashMap at OrderBook.lookup:22");
        assertEquals(Severity.WARNING, lookup.severity());
        assertTrue(lookup.fix().startsWith("Give dev.hashscope.samples.OrderKey a hashCode"), lookup.fix());
        assertTrue(lookup.summary().contains("ConcurrentHashMap$TreeNode.findTreeNode"), lookup.summary());
        Finding place = titled(findings, "Colliding OrderKey hashes in ConcurrentHashMap at OrderBook.place:17");
        assertEquals(Severity.WARNING, place.severity());
        assertEquals(2, findings.size(), findings.toString());
    }

    @Test
    void onJdk25TheInlinedLookupPointsToTheKeyClassSeenAtPlace() throws Exception {
        List<Finding> findings = DetectorHarness.run(detector, Recordings.sample("chm-poor-hash-jdk25.jfr"));

        Finding lookup = titled(findings, "Colliding key hashes in ConcurrentHashMap at OrderBook.lookup:22");
        assertEquals(Severity.WARNING, lookup.severity());
        assertTrue(lookup.summary().contains("OrderBook.place:17, in the same class, calls OrderKey.hashCode"),
                lookup.summary());
        assertEquals(Severity.WARNING,
                titled(findings, "Colliding OrderKey hashes in ConcurrentHashMap at OrderBook.place:17").severity());
    }

    @ParameterizedTest
    @ValueSource(strings = {"healthy-control.jfr", "hashmap-resize-storm.jfr", "copy-on-write-map.jfr",
            "boxing-churn.jfr", "chm-compute-hot-key.jfr", "hashtable-contention.jfr",
            "hashtable-contention-default-settings.jfr"})
    void otherRecordingsHaveNoCollidingKeys(String recording) throws Exception {
        List<Finding> findings = DetectorHarness.run(detector, Recordings.sample(recording));

        assertEquals(List.of(Severity.OK), findings.stream().map(Finding::severity).toList(), findings.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"jmc__full_gc_g1.jfr", "apdemos__alloc.jfr"})
    void notApplicableWithoutCpuSamples(String recording) throws Exception {
        List<Finding> findings = DetectorHarness.run(detector, Recordings.shared(recording));

        assertEquals(List.of(Severity.NOT_APPLICABLE), findings.stream().map(Finding::severity).toList());
        assertTrue(findings.get(0).fix().contains("jdk.ExecutionSample"), findings.get(0).fix());
    }
}
