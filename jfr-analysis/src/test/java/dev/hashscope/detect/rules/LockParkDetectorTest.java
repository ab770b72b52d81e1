package dev.hashscope.detect.rules;

import static dev.hashscope.detect.rules.MonitorContentionDetectorTest.cpuOnlyRecording;
import static dev.hashscope.detect.rules.MonitorContentionDetectorTest.only;
import static dev.hashscope.detect.rules.MonitorContentionDetectorTest.titles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hashscope.detect.Evidence;
import dev.hashscope.detect.Finding;
import dev.hashscope.detect.Scores;
import dev.hashscope.detect.Severity;
import dev.hashscope.detect.rules.MonitorContentionDetectorTest.Events;
import dev.hashscope.testing.DetectorHarness;
import dev.hashscope.testing.Recordings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LockParkDetectorTest {
    static final long MS = 1_000_000L;
    static final long SYNC = 0x7f00_0000_1000L;

    /** A parked ReentrantReadWriteLock acquirer's stack, as JDK 17 records it, under {@code caller}. */
    static String[] rwLockPark(boolean write, String caller) {
        return new String[]{"jdk.internal.misc.Unsafe.park", "java.util.concurrent.locks.LockSupport.park:211",
                "java.util.concurrent.locks.AbstractQueuedSynchronizer.acquire:715",
                write ? "java.util.concurrent.locks.AbstractQueuedSynchronizer.acquire:938"
                        : "java.util.concurrent.locks.AbstractQueuedSynchronizer.acquireShared:1027",
                write ? "java.util.concurrent.locks.ReentrantReadWriteLock$WriteLock.lock:959"
                        : "java.util.concurrent.locks.ReentrantReadWriteLock$ReadLock.lock:738",
                caller, "demo.Main.main:9"};
    }

    /** Writers hold a ReentrantReadWriteLock while they put into a HashMap; readers and writers park on it. */
    static Events readWriteLockedHashMap(String threshold) {
        Events ev = new Events();
        ev.s.setting("jdk.ThreadPark", "threshold", threshold);
        int writePark = ev.s.stack(rwLockPark(true, "demo.Registry.put:30"));
        int readPark = ev.s.stack(rwLockPark(false, "demo.Registry.get:20"));
        int putting = ev.s.stack("java.util.HashMap.putVal:631", "java.util.HashMap.put:610", "demo.Registry.put:32",
                "demo.Main.main:9");
        for (int i = 0; i < 40; i++) {
            ev.park(i * 0.5, 500 * MS, "writer-" + (i % 2), writePark,
                    "java.util.concurrent.locks.ReentrantReadWriteLock$NonfairSync", SYNC);
            ev.park(i * 0.5 + 0.1, 300 * MS, "reader-" + (i % 3), readPark,
                    "java.util.concurrent.locks.ReentrantReadWriteLock$NonfairSync", SYNC);
            ev.cpu(i * 0.5 + 0.2, "writer-" + (i % 2), putting);
        }
        return ev;
    }

    @Test
    void flagsWriteLockParksAroundAHashMapThatCpuSamplesShowTheLockingMethodUsing() {
        List<Finding> findings = readWriteLockedHashMap("100 us").run(new LockParkDetector());
        Finding f = only(findings, "write lock");
        assertEquals("ReentrantReadWriteLock write lock parks around HashMap at Registry.put:30", f.title());
        Evidence.CallSite c = f.evidence().callSites().get(0);
        assertEquals("demo.Registry.put:30", c.frame());
        assertEquals("HashMap", c.mapKind());
        assertEquals("PUT", c.operation());
        assertEquals(40, c.count());
        assertEquals(40 * 500 * MS, (long) c.weight());
        assertEquals(500 * MS, c.maxNanos());
        assertEquals(500 * MS, c.p50Nanos());
        assertEquals(2, c.threads());
        assertEquals(20.0 / 32, c.share(), 1e-9, "of all lock park time: writes 20 s, reads 12 s");
        // 20 s over 60 s times the 5 threads that parked acquiring the lock: 6.7%.
        assertEquals(Scores.fromCostShare(20.0 / (60 * 5)), f.score());
        assertEquals(Severity.INFO, f.severity());
        assertTrue(f.summary().startsWith("40 parks at demo.Registry.put:30 (acquiring a ReentrantReadWriteLock write lock"
                + " around a HashMap), 20.00 s parked in all (p50 500.0 ms, p99 500.0 ms, max 500.0 ms) across 2 threads"),
                f.summary());
        assertTrue(f.explanation().contains("CPU samples catch demo.Registry.put calling HashMap.put 40 times"),
                f.explanation());
        assertTrue(f.fix().startsWith("At demo.Registry.put:30, replace the ReentrantReadWriteLock write lock-guarded"
                + " HashMap with a ConcurrentHashMap"), f.fix());
    }

    @Test
    void tiesReadLockParksToTheMapThroughTheSameLockObject() {
        List<Finding> findings = readWriteLockedHashMap("100 us").run(new LockParkDetector());
        Finding f = only(findings, "read lock");
        assertEquals("ReentrantReadWriteLock read lock parks around HashMap at Registry.get:20", f.title());
        Evidence.CallSite c = f.evidence().callSites().get(0);
        assertEquals("demo.Registry.get:20", c.frame());
        assertEquals("HashMap", c.mapKind());
        assertEquals(null, c.operation(), "only the writers' map work was sampled");
        assertEquals(3, c.threads());
        assertEquals(Scores.fromCostShare(12.0 / (60 * 5)), f.score());
        assertTrue(f.explanation().contains("same lock object that is taken at demo.Registry.put:30"), f.explanation());
        assertTrue(f.explanation().contains("every write stops all reads"), f.explanation());
        assertTrue(f.fix().contains("demo.Registry.get:20"), f.fix());
    }

    @Test
    void doesNotClaimLockParksThatNothingTiesToAMap() {
        Events ev = new Events();
        ev.s.setting("jdk.ThreadPark", "threshold", "100 us");
        int queueLock = ev.s.stack("jdk.internal.misc.Unsafe.park", "java.util.concurrent.locks.LockSupport.park:211",
                "java.util.concurrent.locks.AbstractQueuedSynchronizer.acquire:715",
                "java.util.concurrent.locks.ReentrantLock$Sync.lock:153", "java.util.concurrent.locks.ReentrantLock.lock:322",
                "demo.Mailbox.post:14", "demo.Main.main:9");
        int idle = ev.s.stack("jdk.internal.misc.Unsafe.park", "java.util.concurrent.locks.LockSupport.park:341",
                "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject.await:1623",
                "java.util.concurrent.LinkedBlockingQueue.take:435", "java.util.concurrent.ThreadPoolExecutor.getTask:1062");
        int elsewhere = ev.s.stack("java.util.HashMap.get:556", "demo.Report.render:80", "demo.Main.main:9");
        for (int i = 0; i < 20; i++) {
            ev.park(i, 200 * MS, "poster-" + (i % 2), queueLock, "java.util.concurrent.locks.ReentrantLock$NonfairSync", 1);
            ev.park(i, 900 * MS, "pool-" + i, idle, "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject", 2);
            ev.cpu(i, "renderer", elsewhere);
        }
        List<Finding> findings = ev.run(new LockParkDetector());
        assertEquals(1, findings.size(), titles(findings).toString());
        Finding f = findings.get(0);
        assertEquals(Severity.OK, f.severity());
        assertEquals("No park time under map operations", f.title());
        assertTrue(f.summary().startsWith("40 parks in the recording, 20 of them acquiring java.util.concurrent locks"),
                f.summary());
    }

    @Test
    void treeBinWritersWaitingForReadersPointAtTheKeysHashCode() {
        Events ev = new Events();
        ev.s.setting("jdk.ThreadPark", "threshold", "100 us");
        int treeBin = ev.s.stack("jdk.internal.misc.Unsafe.park", "java.util.concurrent.locks.LockSupport.park:211",
                "java.util.concurrent.ConcurrentHashMap$TreeBin.contendedLock:2823",
                "java.util.concurrent.ConcurrentHashMap$TreeBin.lockRoot:2808",
                "java.util.concurrent.ConcurrentHashMap$TreeBin.putTreeVal:2898",
                "java.util.concurrent.ConcurrentHashMap.putVal:1062", "java.util.concurrent.ConcurrentHashMap.put:1006",
                "demo.OrderBook.place:17", "demo.Main.main:9");
        for (int i = 0; i < 30; i++) {
            ev.park(i, 100 * MS, "matcher-" + (i % 4), treeBin, "java.util.concurrent.ConcurrentHashMap$TreeBin", 7);
        }
        Finding f = ev.run(new LockParkDetector()).get(0);
        assertEquals("ConcurrentHashMap TreeBin lock parks at OrderBook.place:17", f.title());
        assertEquals("ConcurrentHashMap", f.evidence().callSites().get(0).mapKind());
        assertEquals("PUT", f.evidence().callSites().get(0).operation());
        assertTrue(f.explanation().contains("map.poor-hash"), f.explanation());
        assertTrue(f.fix().startsWith("Fix the hashCode of the key class used at demo.OrderBook.place:17"), f.fix());
        assertEquals(Scores.fromCostShare(3.0 / (60 * 4)), f.score());
    }

    @Test
    void aParkInsideComputeIfAbsentIsChargedToItsCallSiteAndHoldsTheBin() {
        Events ev = new Events();
        ev.s.setting("jdk.ThreadPark", "threshold", "100 us");
        int waiting = ev.s.stack("jdk.internal.misc.Unsafe.park", "java.util.concurrent.locks.LockSupport.park:211",
                "java.util.concurrent.CompletableFuture$Signaller.block:1864",
                "java.util.concurrent.ForkJoinPool.managedBlock:3463", "java.util.concurrent.CompletableFuture.get:2096",
                "demo.PriceLoader.load:12", "demo.PriceCache$$Lambda.apply",
                "java.util.concurrent.ConcurrentHashMap.computeIfAbsent:1708", "demo.PriceCache.get:5", "demo.Main.main:9");
        for (int i = 0; i < 40; i++) {
            ev.park(i, 500 * MS, "pricer-" + (i % 2), waiting, "java.util.concurrent.CompletableFuture$Signaller", 3);
        }
        Finding f = ev.run(new LockParkDetector()).get(0);
        assertEquals("Parks inside ConcurrentHashMap.computeIfAbsent at PriceCache.get:5", f.title());
        assertEquals(Severity.WARNING, f.severity());
        assertEquals(Scores.fromCostShare(20.0 / (60 * 2)), f.score());
        assertTrue(f.explanation().contains("(demo.PriceLoader.load:12) waited on java.util.concurrent.CompletableFuture$Signaller"),
                f.explanation());
        assertTrue(f.explanation().contains("under the bin's lock"), f.explanation());
        assertTrue(f.fix().startsWith("At demo.PriceCache.get:5, do not wait inside ConcurrentHashMap.computeIfAbsent's"
                + " callback (demo.PriceLoader.load:12)"), f.fix());
    }

    @Test
    void saysWhichParksTheRecordingsThresholdHid() {
        Finding f = only(readWriteLockedHashMap("20 ms").run(new LockParkDetector()), "write lock");
        String expected = "This recording's jdk.ThreadPark threshold is 20 ms: stalls shorter than 20 ms are not"
                + " recorded and are invisible here";
        assertTrue(f.summary().contains(expected), f.summary());
        assertTrue(f.evidence().notes().stream().anyMatch(n -> n.startsWith(expected)
                && n.contains("settings=hashscope.jfc")), f.evidence().notes().toString());

        Events none = new Events();
        none.s.setting("jdk.ThreadPark", "threshold", "20 ms");
        Finding ok = none.run(new LockParkDetector()).get(0);
        assertEquals("No park time under map operations above 20 ms", ok.title());
        assertTrue(ok.summary().contains(expected), ok.summary());

        Finding unknown = new Events().run(new LockParkDetector()).get(0);
        assertTrue(unknown.summary().contains("does not give its jdk.ThreadPark threshold"), unknown.summary());

        Finding fine = readWriteLockedHashMap("100 us").run(new LockParkDetector()).get(0);
        assertTrue(fine.evidence().notes().stream().noneMatch(n -> n.contains("threshold")), fine.evidence().notes().toString());
    }

    @Test
    void mergingPartialAccumulatorsGivesTheSameFindings() {
        Events ev = readWriteLockedHashMap("100 us");
        // Only in the second half: a thread, a site and a lock object the first half never saw.
        int treeBin = ev.s.stack("jdk.internal.misc.Unsafe.park", "java.util.concurrent.locks.LockSupport.park:211",
                "java.util.concurrent.ConcurrentHashMap$TreeBin.contendedLock:2823",
                "java.util.concurrent.ConcurrentHashMap$TreeBin.putTreeVal:2898",
                "java.util.concurrent.ConcurrentHashMap.putVal:1062", "demo.OrderBook.place:17");
        for (int i = 0; i < 100; i++) {
            ev.park(30 + i * 0.1, 40 * MS, "matcher-0", treeBin, "java.util.concurrent.ConcurrentHashMap$TreeBin", 9);
        }
        List<Finding> whole = ev.run(new LockParkDetector());
        assertEquals(3, whole.size(), titles(whole).toString());
        assertEquals(whole, ev.runSplit(new LockParkDetector()));
    }

    // ---- on recordings ----

    /** Writers put into a HashMap under a ReentrantReadWriteLock's write lock; readers read it under the read lock. */
    static final class Registry {
        final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
        final Map<Integer, Long> values = new HashMap<>();

        Long read(int key) {
            lock.readLock().lock();
            try {
                return values.get(key);
            } finally {
                lock.readLock().unlock();
            }
        }

        /** Runs {@code whileLocked} first, then keeps the map busy until {@code busyNanos} have passed. */
        void write(Runnable whileLocked, long busyNanos) {
            lock.writeLock().lock();
            try {
                whileLocked.run();
                long end = System.nanoTime() + busyNanos;
                for (int round = 0; System.nanoTime() < end; round++) {
                    for (int k = 0; k < 4096; k++) {
                        values.put(k, (long) k + round);
                    }
                    for (int k = 0; k < 4096; k += 2) {
                        values.remove(k);
                    }
                }
            } finally {
                lock.writeLock().unlock();
            }
        }
    }

    /**
     * One writer holds the write lock and works on the map while two readers and a second writer park on the
     * lock: it waits until they really are parked (WAITING) before it starts, so the parks always happen.
     */
    static Path readWriteLockRecording(Path dir) throws Exception {
        Path file = dir.resolve("rw-lock-hashmap.jfr");
        Registry registry = new Registry();
        // The detector ties the read-lock site to the map through the lock's address. The writer's busy loop
        // triggers young collections, which would move a young lock between events; a full collection first
        // puts it in the old generation, where young collections leave it in place.
        System.gc();
        try (Recording r = new Recording()) {
            r.enable("jdk.ThreadPark").withThreshold(Duration.ofMillis(1)).withStackTrace();
            r.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
            r.enable("jdk.ActiveSetting");
            r.start();
            List<Thread> waiters = List.of(new Thread(() -> registry.read(1), "hs-reader-1"),
                    new Thread(() -> registry.read(2), "hs-reader-2"),
                    new Thread(() -> registry.write(() -> { }, 50 * MS), "hs-writer-2"));
            Thread holder = new Thread(() -> registry.write(() -> {
                waiters.forEach(Thread::start);
                waiters.forEach(t -> awaitState(t, Thread.State.WAITING));
            }, 400 * MS), "hs-writer-1");
            holder.start();
            holder.join();
            for (Thread t : waiters) {
                t.join();
            }
            r.stop();
            r.dump(file);
        }
        return file;
    }

    static void awaitState(Thread t, Thread.State state) {
        while (t.getState() != state) {
            Thread.onSpinWait();
        }
    }

    @Test
    void aReadWriteLockAroundAHashMapIsFoundInARealRecording(@TempDir Path dir) throws Exception {
        List<Finding> findings = DetectorHarness.run(new LockParkDetector(), readWriteLockRecording(dir));
        Finding read = only(findings, "read lock");
        assertEquals(Severity.WARNING, read.severity(), titles(findings).toString());
        assertTrue(read.title().matches("ReentrantReadWriteLock read lock parks around HashMap at"
                + " LockParkDetectorTest\\$Registry\\.read:\\d+"), read.title());
        Evidence.CallSite c = read.evidence().callSites().get(0);
        assertEquals(2, c.threads());
        assertEquals("HashMap", c.mapKind());
        Finding write = only(findings, "write lock");
        assertTrue(write.title().contains("around HashMap at LockParkDetectorTest$Registry.write:"), write.title());
        assertTrue(write.explanation().contains("CPU samples catch dev.hashscope.detect.rules.LockParkDetectorTest$Registry.write"
                + " calling HashMap."), write.explanation());
    }

    @Test
    void okNotNotApplicableWhenParksWereEnabledButNoneHappened() throws Exception {
        List<Finding> findings = DetectorHarness.run(new LockParkDetector(), Recordings.sample("healthy-control.jfr"));
        assertEquals(List.of("OK 0 No park time under map operations"), titles(findings));
        assertTrue(findings.get(0).summary().startsWith("0 parks in the recording"), findings.get(0).summary());
    }

    @Test
    void idlePoolThreadsParkingForWorkAreNotMapCosts() throws Exception {
        List<Finding> findings = DetectorHarness.run(new LockParkDetector(),
                Recordings.shared("jfrunit__rest-post-consumer-1d3e.jfr"));
        assertEquals(1, findings.size(), titles(findings).toString());
        assertEquals(Severity.OK, findings.get(0).severity());
        assertTrue(findings.get(0).summary().startsWith("811 parks in the recording, 0 of them acquiring"),
                findings.get(0).summary());
    }

    @Test
    void notApplicableWithoutParkEvents(@TempDir Path dir) throws Exception {
        List<Finding> findings = DetectorHarness.run(new LockParkDetector(), cpuOnlyRecording(dir));
        assertEquals(1, findings.size());
        assertEquals(Severity.NOT_APPLICABLE, findings.get(0).severity());
        assertTrue(findings.get(0).fix().contains("jdk.ThreadPark"), findings.get(0).fix());
    }
}
