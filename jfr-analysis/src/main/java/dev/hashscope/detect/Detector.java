package dev.hashscope.detect;

import dev.hashscope.summary.Capability;
import java.util.List;

/**
 * One analysis rule. Stateless: everything of a run lives in the {@link Accumulator} it creates.
 * Implementations are found with {@link java.util.ServiceLoader} (listed in
 * {@code META-INF/services/dev.hashscope.detect.Detector}), have a public no-argument constructor using
 * their default settings, and all run in one pass over the recording.
 */
public interface Detector {
    /** Stable id, used in reports and settings: {@code map.monitor-contention}. */
    String id();

    /** What it looks for, for people: "Map monitor contention". */
    String title();

    /**
     * The events it needs; each requirement is met when the recording has any of its events or had them
     * enabled (then their absence is a result). Unmet requirements make the run report NOT_APPLICABLE with
     * the setting that would add them, never a silent OK.
     */
    List<Capability> requirements();

    Accumulator newAccumulator(AnalysisContext context);
}
