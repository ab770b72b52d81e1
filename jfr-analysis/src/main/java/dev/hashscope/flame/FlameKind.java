package dev.hashscope.flame;

/** What a call tree weighs. */
public enum FlameKind {
    /** {@code jdk.ExecutionSample}: weight = number of samples. */
    CPU("cpu", "samples"),
    /** Allocation samples (or TLAB events where there are none): weight = bytes. */
    ALLOC("alloc", "bytes"),
    /** {@code jdk.JavaMonitorEnter}: weight = nanoseconds blocked entering a monitor. */
    LOCK("lock", "ns"),
    /** {@code jdk.ThreadPark}: weight = nanoseconds parked. */
    PARK("park", "ns");

    private final String cliName;
    private final String unit;

    FlameKind(String cliName, String unit) {
        this.cliName = cliName;
        this.unit = unit;
    }

    /** The name used on the command line and in file names: cpu, alloc, lock, park. */
    public String cliName() {
        return cliName;
    }

    public String unit() {
        return unit;
    }

    public static FlameKind fromCliName(String name) {
        for (FlameKind k : values()) {
            if (k.cliName.equals(name)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown kind '" + name + "' (expected cpu, alloc, lock or park)");
    }
}
