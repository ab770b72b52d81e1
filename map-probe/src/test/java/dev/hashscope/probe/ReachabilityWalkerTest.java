package dev.hashscope.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ReachabilityWalkerTest {
    private static final String F = WalkerFixture.class.getName();

    private static List<String> names(List<MapSnapshot> snapshots) {
        return snapshots.stream().map(MapSnapshot::getName).sorted().toList();
    }

    @Test
    void findsTablesFromStaticsByTheirShortestPathAboveTheSizeThreshold() {
        WalkerFixture.REGISTRY.toString(); // initialise the fixture: uninitialised classes are never read
        MapProbe probe = BucketDistributionTest.probe(ProbeOptions.parse("minSize=64"));
        MapProbe scoped = scoped(probe, "minSize=64");
        List<MapSnapshot> found = scoped.scan();
        List<String> names = names(found);
        assertTrue(names.contains(F + ".REGISTRY.sessions"), names::toString);
        assertTrue(names.contains(F + ".REGISTRY.byTenant{value}"), names::toString);
        assertTrue(names.contains(F + ".ARRAY[1]"), names::toString);
        assertTrue(names.stream().noneMatch(n -> n.endsWith(".alias")), "one table, one report: " + names);
        assertTrue(names.stream().noneMatch(n -> n.endsWith(".TINY")), "below minSize: " + names);
        MapSnapshot sessions = scoped.snapshot(F + ".REGISTRY.sessions");
        assertEquals("Collections$SynchronizedMap>HashMap", sessions.getKind());
        assertEquals(100, sessions.getSize());
        assertEquals(Integer.class.getName(), sessions.getKeyClass());
    }

    @Test
    void findsThreadLocalValuesNamedByTheirThreadLocal() throws Exception {
        CountDownLatch filled = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            Map<Integer, String> mine = WalkerFixture.PER_THREAD.get();
            for (int i = 0; i < 200; i++) {
                mine.put(i, "v");
            }
            filled.countDown();
            try {
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "worker-1");
        t.start();
        try {
            filled.await();
            List<String> names = names(scoped(null, "minSize=150").scan());
            assertTrue(names.contains("Thread[worker-1].local(" + F + ".PER_THREAD)"), names::toString);
        } finally {
            done.countDown();
            t.join();
        }
    }

    @Test
    void stopsAtItsObjectBudget() {
        MapProbe probe = scoped(null, "minSize=1,maxObjects=3");
        probe.scan();
        assertTrue(probe.getLastObjectsVisited() <= 3, "visited " + probe.getLastObjectsVisited());
    }

    /** A probe whose statics are the fixture's only, so the test does not depend on what else is loaded. */
    static MapProbe scoped(MapProbe ignored, String options) {
        try {
            return MapProbe.create(ProbeOptions.parse(options), () -> new Class<?>[] {WalkerFixture.class}, false);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
