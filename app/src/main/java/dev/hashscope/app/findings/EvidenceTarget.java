package dev.hashscope.app.findings;

import dev.hashscope.detect.Evidence;
import dev.hashscope.detect.Finding;
import dev.hashscope.detect.Unit;
import dev.hashscope.flame.FlameKind;
import java.util.List;

/**
 * Where the other views go when a finding is selected: the call tree that shows its cost, the call site in
 * it, and the time windows it happened in.
 *
 * @param frame the first call site ({@code dev.acme.Inventory.record:28}), or null when the finding has none
 */
public record EvidenceTarget(FlameKind kind, String frame, List<Evidence.TimeWindow> windows) {
    public EvidenceTarget {
        windows = List.copyOf(windows);
    }

    public static EvidenceTarget of(Finding f) {
        List<Evidence.CallSite> sites = f.evidence().callSites();
        Evidence.CallSite first = sites.isEmpty() ? null : sites.get(0);
        return new EvidenceTarget(kindOf(f.detector(), first == null ? null : first.unit()),
                first == null ? null : first.frame(), f.evidence().windows());
    }

    /**
     * Lock findings show blocked time, park findings parked time, allocation findings bytes, CPU findings
     * samples. Known detectors by id; others (and future ones) by the unit of their first call site.
     */
    static FlameKind kindOf(String detector, Unit unit) {
        switch (detector) {
            case "map.monitor-contention", "map.bin-contention":
                return FlameKind.LOCK;
            case "map.lock-park":
                return FlameKind.PARK;
            case "map.resize-churn", "map.copy-on-write", "map.boxing", "alloc.jitter":
                return unit == Unit.COUNT ? FlameKind.CPU : FlameKind.ALLOC;
            case "map.poor-hash":
                return FlameKind.CPU;
            default:
                break;
        }
        if (unit == null) {
            return FlameKind.CPU;
        }
        return switch (unit) {
            case BYTES, BYTES_PER_SECOND -> FlameKind.ALLOC;
            case NANOS -> detector.contains("park") ? FlameKind.PARK : FlameKind.LOCK;
            default -> FlameKind.CPU;
        };
    }
}
