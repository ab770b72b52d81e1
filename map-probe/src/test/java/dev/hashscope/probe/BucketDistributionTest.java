package dev.hashscope.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * Every supported kind, filled with the same 13 keys whose hashCodes put 3 entries in bucket 0 (one hash value),
 * 1 in bucket 1 and 9 in bucket 5 (one hash value) of a 64-bucket table: the histograms are known exactly.
 * Hash values below 2^16 are left alone by HashMap's and ConcurrentHashMap's spreading, by Hashtable's modulo
 * 64 and (for 0, 1 and 5) by WeakHashMap's mixer.
 */
class BucketDistributionTest {
    private static final int CAPACITY = 64;
    /** Buckets with 0..7 and 8+ entries: 61 empty, one with 1, one with 3, one with 9. */
    private static final int[] HISTOGRAM = {61, 1, 0, 1, 0, 0, 0, 0, 1};

    private final List<Collider> keys = keys();
    private final MapProbe probe = probe(ProbeOptions.DEFAULTS);

    private static List<Collider> keys() {
        List<Collider> k = new ArrayList<>();
        int id = 0;
        for (int i = 0; i < 3; i++) {
            k.add(new Collider(id++, 0));
        }
        k.add(new Collider(id++, 1));
        for (int i = 0; i < 9; i++) {
            k.add(new Collider(id++, 5));
        }
        return k;
    }

    static MapProbe probe(ProbeOptions options) {
        try {
            return MapProbe.create(options, () -> new Class<?>[0], false);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("tests run with --add-opens java.base/java.util (see pom.xml)", e);
        }
    }

    private <M extends Map<Collider, String>> M fill(M map) {
        keys.forEach(k -> map.put(k, "v" + k.id()));
        return map;
    }

    private <S extends Set<Collider>> S fill(S set) {
        set.addAll(keys);
        return set;
    }

    /** A HashMap-layout table: the 9-entry bin is a tree (capacity 64 is the treeify minimum). */
    private void assertTreeified(MapSnapshot s, String kind) {
        assertCommon(s, kind);
        assertEquals(1, s.getTreeifiedBins());
        assertEquals((3 * 4 / 2 + 1 + 9 * 4) / 13.0, s.getAverageProbe(), 1e-9, "a tree bin of 9 costs log2(9)+1 each");
    }

    private void assertLinked(MapSnapshot s, String kind) {
        assertCommon(s, kind);
        assertEquals(0, s.getTreeifiedBins());
        assertEquals((3 * 4 / 2 + 1 + 9 * 10 / 2) / 13.0, s.getAverageProbe(), 1e-9);
    }

    private void assertCommon(MapSnapshot s, String kind) {
        assertEquals(kind, s.getKind());
        assertEquals(CAPACITY, s.getCapacity());
        assertEquals(13, s.getSize());
        assertArrayEquals(HISTOGRAM, ChainCodec.decode(s.getHistogram()));
        assertEquals(9, s.getLongestChain());
        assertEquals(3 / 13.0, s.getDistinctHashRatio(), 1e-9, "three hash values for 13 keys");
        assertEquals(13, s.getHashedEntries());
        assertEquals(Collider.class.getName(), s.getKeyClass());
        assertEquals(13 / 64.0, s.getCapacityRatio(), 1e-9);
        int[] vector = ChainCodec.decode(s.getChainVector());
        assertEquals(CAPACITY, vector.length);
        assertEquals(1, s.getBucketsPerValue());
        assertEquals(3, vector[0]);
        assertEquals(1, vector[1]);
        assertEquals(9, vector[5]);
        assertEquals(13, java.util.Arrays.stream(vector).sum());
        int[] remixed = ChainCodec.decode(s.getRemixedHistogram());
        assertEquals(CAPACITY, java.util.Arrays.stream(remixed).sum());
        assertEquals(1, remixed[8], "nine equal hashes stay together however well they are mixed");
    }

    @Test
    void hashMap() {
        MapSnapshot s = probe.measure("m", fill(new HashMap<>(CAPACITY)));
        assertTreeified(s, "HashMap");
        assertEquals(0.75f, s.getLoadFactor());
        assertEquals("5", s.getTreeifiedValues());
    }

    @Test
    void linkedHashMap() {
        assertTreeified(probe.measure("m", fill(new LinkedHashMap<>(CAPACITY))), "LinkedHashMap");
    }

    @Test
    void hashSetAndLinkedHashSetReadTheirBackingMap() {
        assertTreeified(probe.measure("s", fill(new HashSet<>(CAPACITY))), "HashSet");
        assertTreeified(probe.measure("s", fill(new LinkedHashSet<>(CAPACITY))), "LinkedHashSet");
    }

    @Test
    void concurrentHashMapAndItsKeySetView() {
        // new ConcurrentHashMap(32) sizes its table for 32 * 1.5 + 1 entries: 64 buckets.
        assertTreeified(probe.measure("c", fill(new ConcurrentHashMap<>(32))), "ConcurrentHashMap");
        assertTreeified(probe.measure("k", fill(ConcurrentHashMap.<Collider>newKeySet(32))),
                "ConcurrentHashMap$KeySetView");
    }

    @Test
    void hashtableChainsAreNeverTrees() {
        MapSnapshot s = probe.measure("h", fill(new Hashtable<>(CAPACITY)));
        assertLinked(s, "Hashtable");
    }

    @Test
    void weakHashMap() {
        assertLinked(probe.measure("w", fill(new WeakHashMap<>(CAPACITY))), "WeakHashMap");
    }

    @Test
    void wrappersAreUnwrapped() {
        assertTreeified(probe.measure("w", Collections.synchronizedMap(fill(new HashMap<>(CAPACITY)))),
                "Collections$SynchronizedMap>HashMap");
        assertTreeified(probe.measure("w", Collections.unmodifiableMap(fill(new HashMap<>(CAPACITY)))),
                "Collections$UnmodifiableMap>HashMap");
        assertTreeified(probe.measure("w", Collections.synchronizedSet(fill(new HashSet<>(CAPACITY)))),
                "Collections$SynchronizedSet>HashSet");
        assertTreeified(probe.measure("w", Collections.unmodifiableSet(fill(new LinkedHashSet<>(CAPACITY)))),
                "Collections$UnmodifiableSet>LinkedHashSet");
        assertLinked(probe.measure("w", Collections.unmodifiableMap(
                Collections.synchronizedMap(fill(new Hashtable<>(CAPACITY))))),
                "Collections$UnmodifiableMap>Collections$SynchronizedMap>Hashtable");
        assertTreeified(probe.measure("w", fill(Collections.newSetFromMap(new ConcurrentHashMap<>(32)))),
                "Collections$SetFromMap>ConcurrentHashMap");
    }

    @Test
    void distinctHashesThatShareLowBitsSpreadWhenRemixed() {
        // 20 distinct multiples of 64: all land in bucket 0 of 64 buckets (spread leaves values < 2^16 alone).
        Map<Collider, String> m = new HashMap<>(CAPACITY);
        for (int i = 1; i <= 20; i++) {
            m.put(new Collider(i, 64 * i), "v");
        }
        MapSnapshot s = probe.measure("m", m);
        assertArrayEquals(new int[] {63, 0, 0, 0, 0, 0, 0, 0, 1}, ChainCodec.decode(s.getHistogram()));
        assertEquals(20, s.getLongestChain());
        assertEquals(1.0, s.getDistinctHashRatio());
        int[] remixed = ChainCodec.decode(s.getRemixedHistogram());
        assertEquals(0, remixed[8], "well-mixed distinct hashes do not pile 8 deep in 64 buckets");
        int entries = 0;
        for (int i = 0; i < 8; i++) {
            entries += i * remixed[i];
        }
        assertEquals(20, entries);
    }

    @Test
    void bigTablesAreDownsampledToTheLongestChainPerGroup() {
        MapProbe small = probe(ProbeOptions.parse("vector=16"));
        MapSnapshot s = small.measure("m", fill(new HashMap<>(CAPACITY)));
        assertEquals(4, s.getBucketsPerValue());
        assertEquals("3,9,0*14", s.getChainVector(), "buckets 0-3 hold 3 at most, 4-7 hold the 9-entry tree");
        assertEquals("1", s.getTreeifiedValues());
    }

    @Test
    void emptyAndUnallocatedTables() {
        MapSnapshot s = probe.measure("e", new HashMap<>());
        assertEquals(0, s.getCapacity());
        assertEquals(0, s.getSize());
        assertEquals("", s.getChainVector());
        assertEquals(0.0, s.getCapacityRatio());
    }

    @Test
    void refusesObjectsThatAreNotHashTables() {
        assertThrows(IllegalArgumentException.class, () -> probe.measure("x", new java.util.TreeMap<>()));
    }
}
