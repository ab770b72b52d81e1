package dev.hashscope.event;

/**
 * Bytes attributed to an allocation site.
 *
 * @param weightBytes the bytes this sample stands for: for {@code jdk.ObjectAllocationSample} its
 *                    {@code weight}; for TLAB events the TLAB size (new TLAB) or the object size
 *                    (outside TLAB), the usual estimate of bytes allocated by that site
 * @param source      which event it came from, since sampled and TLAB events must not be summed together
 */
public record AllocationSample(long timeNanos, int thread, int stack, int objectClass, long weightBytes,
                               Source source) {
    public enum Source {
        /** {@code jdk.ObjectAllocationSample} (JDK 16+). */
        SAMPLED,
        /** {@code jdk.ObjectAllocationInNewTLAB} or {@code jdk.ObjectAllocationOutsideTLAB} (JDK, async-profiler). */
        TLAB
    }
}
