package dev.hashscope.probe;

import java.util.List;
import jdk.jfr.FlightRecorder;

/**
 * Commits one {@code hashscope.MapBuckets} event per table after a scan. Kept apart so a runtime without
 * {@code jdk.jfr} only loses the events ({@link #tryCreate} returns null), not the MXBean.
 */
final class JfrEmitter {
    private JfrEmitter() {
    }

    static JfrEmitter tryCreate() {
        try {
            FlightRecorder.register(MapBucketsEvent.class);
            return new JfrEmitter();
        } catch (LinkageError | RuntimeException e) {
            return null;
        }
    }

    void emit(List<MapSnapshot> snapshots, int referenceBytes) {
        if (!new MapBucketsEvent().isEnabled()) {
            return;
        }
        for (MapSnapshot s : snapshots) {
            MapBucketsEvent e = new MapBucketsEvent();
            e.map = s.getName();
            e.kind = s.getKind();
            e.keyClass = s.getKeyClass();
            e.identity = s.getIdentity();
            e.capacity = s.getCapacity();
            e.size = s.getSize();
            e.loadFactor = s.getLoadFactor();
            e.capacityRatio = s.getCapacityRatio();
            e.treeifiedBins = s.getTreeifiedBins();
            e.longestChain = s.getLongestChain();
            e.averageProbe = s.getAverageProbe();
            e.distinctHashRatio = s.getDistinctHashRatio();
            e.hashedEntries = s.getHashedEntries();
            e.histogram = s.getHistogram();
            e.remixedHistogram = s.getRemixedHistogram();
            e.chainVector = s.getChainVector();
            e.bucketsPerValue = s.getBucketsPerValue();
            e.treeifiedValues = s.getTreeifiedValues();
            e.tableBytes = (long) s.getCapacity() * referenceBytes + 16;
            e.commit();
        }
    }
}
