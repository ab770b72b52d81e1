package dev.hashscope.locks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hashscope.event.MonitorBlocked;
import dev.hashscope.event.RecordingReader;
import dev.hashscope.event.Symbols;
import dev.hashscope.event.ThreadPark;
import dev.hashscope.flame.FlameKind;
import dev.hashscope.flame.FlameTree;
import dev.hashscope.locks.LockTable.MonitorKey;
import dev.hashscope.locks.LockTable.Row;
import dev.hashscope.locks.LockTable.Wait;
import dev.hashscope.testing.DetectorHarness.Synthetic;
import dev.hashscope.testing.Recordings;
import org.junit.jupiter.api.Test;

class LockTableBuilderTest {
    private final Synthetic rec = new Synthetic();

    @Test
    void groupsWaitsByLockClassAndCallSiteCostliestFirst() {
        LockTableBuilder b = new LockTableBuilder();
        b.begin(rec.layout, rec.symbols);
        int hashtable = rec.klass("java.util.Hashtable");
        int mutex = rec.klass("demo.Registry");
        int put = rec.stack("java.util.Hashtable.put:479", "demo.Inventory.record:28", "demo.Worker.run:10");
        int get = rec.stack("java.util.Hashtable.get:380", "demo.Inventory.lookup:40", "demo.Worker.run:11");
        int sync = rec.stack("java.lang.Object.wait0", "demo.Registry.touch:17", "demo.Worker.run:12");
        int t1 = rec.thread("worker-1");
        int t2 = rec.thread("worker-2");
        b.monitorBlocked(new MonitorBlocked(rec.at(1), 3_000_000, t1, put, hashtable, 1, Symbols.NONE));
        b.monitorBlocked(new MonitorBlocked(rec.at(2), 5_000_000, t2, put, hashtable, 1, Symbols.NONE));
        b.monitorBlocked(new MonitorBlocked(rec.at(3), 1_000_000, t1, get, hashtable, 1, Symbols.NONE));
        b.monitorBlocked(new MonitorBlocked(rec.at(4), 2_000_000, t1, sync, mutex, 2, Symbols.NONE));
        b.threadPark(new ThreadPark(rec.at(5), 7_000_000, t1, sync, Symbols.NONE, 0));
        LockTable table = b.table();

        assertEquals(3, table.rows().size(), "a park without a blocker is not a lock wait: " + table.rows());
        Row top = table.rows().get(0);
        assertEquals(Wait.MONITOR, top.waitKind());
        assertEquals("java.util.Hashtable", top.monitorClass());
        assertEquals("Hashtable", top.mapKind());
        assertEquals("demo.Inventory.record:28", top.callSite());
        assertEquals(2, top.count());
        assertEquals(8_000_000, top.totalNanos());
        assertEquals(5_000_000, top.maxNanos());
        assertTrue(top.p99Nanos() >= 4_700_000 && top.p99Nanos() <= 5_000_000, "p99 " + top.p99Nanos());
        assertEquals(2, top.threads());

        Row registry = table.rows().get(1);
        assertEquals("demo.Registry", registry.monitorClass());
        assertNull(registry.mapKind(), "no map involved");
        assertEquals("demo.Registry.touch:17", registry.callSite(), "the first frame outside the JDK");
        assertEquals("demo.Inventory.lookup:40", table.rows().get(2).callSite());

        FlameTree tree = table.tree(new MonitorKey(Wait.MONITOR, "java.util.Hashtable"));
        assertEquals(FlameKind.LOCK, tree.kind());
        assertEquals(9_000_000, tree.total(tree.root()), "only the waits on Hashtable");
        assertEquals(0, table.tree(new MonitorKey(Wait.PARK, "nothing")).total(0));
    }

    @Test
    void parksOnALockClassGetTheirOwnRowsAndParkTree() {
        LockTableBuilder b = new LockTableBuilder();
        b.begin(rec.layout, rec.symbols);
        int lock = rec.klass("java.util.concurrent.locks.ReentrantReadWriteLock$NonfairSync");
        int s = rec.stack("jdk.internal.misc.Unsafe.park", "java.util.concurrent.locks.LockSupport.park:211",
                "demo.Catalog.update:55");
        b.threadPark(new ThreadPark(rec.at(1), 4_000_000, rec.thread("w"), s, lock, 9));
        LockTable table = b.table();
        Row r = table.rows().get(0);
        assertEquals(Wait.PARK, r.waitKind());
        assertEquals("demo.Catalog.update:55", r.callSite());
        assertEquals(FlameKind.PARK, table.tree(r.key()).kind());
        assertEquals(4_000_000, table.tree(r.key()).total(0));
    }

    @Test
    void theHashtableSampleIsTopOfItsLockTable() throws Exception {
        LockTableBuilder b = new LockTableBuilder();
        RecordingReader.standard().read(Recordings.sample("hashtable-contention.jfr"), b);
        LockTable table = b.table();
        Row top = table.rows().get(0);
        assertTrue(top.monitorClass().equals("java.util.Hashtable")
                || top.monitorClass().startsWith("java.util.Collections$Synchronized"), top.toString());
        assertTrue(top.callSite().startsWith("dev.hashscope.samples."), top.toString());
        long rowsOfClass = table.rows().stream().filter(r -> r.key().equals(top.key())).mapToLong(Row::totalNanos).sum();
        assertEquals(rowsOfClass, table.tree(top.key()).total(0), "the monitor's tree holds exactly its rows");
    }
}
