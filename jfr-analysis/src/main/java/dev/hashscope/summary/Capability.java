package dev.hashscope.summary;

import java.util.List;

/**
 * An analysis and the events it needs (any one of {@code events} is enough), with the recording
 * setting that would add them: what "summary" prints for a recording that cannot support it.
 */
public record Capability(String name, List<String> events, String howToRecord) {
    public Capability {
        events = List.copyOf(events);
    }

    public static final Capability CPU_SAMPLES = new Capability("CPU flame graph", List.of("jdk.ExecutionSample"),
            "enable jdk.ExecutionSample (on in JDK 'default' and 'profile' settings; async-profiler -e cpu)");
    public static final Capability ALLOCATION = new Capability("Allocation flame graph",
            List.of("jdk.ObjectAllocationSample", "jdk.ObjectAllocationInNewTLAB", "jdk.ObjectAllocationOutsideTLAB"),
            "enable jdk.ObjectAllocationSample (JDK 16+, on in 'default' and 'profile'; "
                    + "hashscope.jfc samples 1000/s) or the TLAB events (async-profiler -e alloc)");
    public static final Capability MONITOR_ENTER = new Capability("Lock contention (monitors)",
            List.of("jdk.JavaMonitorEnter"),
            "enable jdk.JavaMonitorEnter with a low threshold: settings=hashscope.jfc (100 us); "
                    + "'default' records only stalls over 20 ms, 'profile' over 10 ms");
    public static final Capability THREAD_PARK = new Capability("Park time (java.util.concurrent locks)",
            List.of("jdk.ThreadPark"), "enable jdk.ThreadPark with a low threshold: settings=hashscope.jfc (100 us)");
    public static final Capability GC = new Capability("GC pauses", List.of("jdk.GarbageCollection", "jdk.GCPhasePause"),
            "enable jdk.GarbageCollection (on in 'default' and 'profile'; not written by async-profiler)");
    public static final Capability CPU_LOAD = new Capability("CPU load", List.of("jdk.CPULoad"),
            "enable jdk.CPULoad (on in 'default' and 'profile')");

    /**
     * Bucket distributions of live tables: written by the map probe, not by a recording setting. Not in
     * {@link #ALL}: a recording without the probe is complete for everything else.
     */
    public static final Capability MAP_BUCKETS = new Capability("Bucket distributions (map probe)",
            List.of("hashscope.MapBuckets"), "load the map probe while recording: "
                    + "-javaagent:hashscope-map-probe.jar (docs/map-probe.md)");

    /** The analyses of this release, in the order users read them. */
    public static final List<Capability> ALL = List.of(CPU_SAMPLES, ALLOCATION, MONITOR_ENTER, THREAD_PARK, GC, CPU_LOAD);
}
