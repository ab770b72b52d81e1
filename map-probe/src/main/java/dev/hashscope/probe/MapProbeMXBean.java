package dev.hashscope.probe;

import java.util.List;

/**
 * The probe's management interface, registered as {@code dev.hashscope:type=MapProbe}. Snapshots are those of
 * the latest scan (every {@code period}); {@link #refresh} scans now. Over JMX a {@link MapSnapshot} arrives as
 * {@code CompositeData} with the getters' names as keys.
 */
public interface MapProbeMXBean {
    String OBJECT_NAME = "dev.hashscope:type=MapProbe";

    /** Names (paths) of the tables in the latest scan, worst distribution (longest chain, then probe) first. */
    List<String> listMaps();

    /** The latest snapshot of the table named {@code name}, or {@code null} when the last scan had no such table. */
    MapSnapshot snapshot(String name);

    /** All snapshots of the latest scan, in {@link #listMaps} order. */
    List<MapSnapshot> getSnapshots();

    /** Scans now (on the caller's thread, with the same budgets) and returns the new snapshots. */
    List<MapSnapshot> refresh();

    /** The options in force, in the agent's {@code key=value,...} syntax. */
    String getOptions();

    long getScanCount();

    /** CPU time of the latest scan on the probe's thread, nanoseconds (walk, measurement and events). */
    long getLastScanCpuNanos();

    /** Objects the latest walk visited; when it equals maxObjects the walk stopped at its budget. */
    int getLastObjectsVisited();

    /** Tables skipped in the latest scan because writers changed them during every attempt to read them. */
    int getLastRacedTables();
}
