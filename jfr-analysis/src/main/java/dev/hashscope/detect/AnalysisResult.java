package dev.hashscope.detect;

import dev.hashscope.flame.EventFilter;
import dev.hashscope.summary.RecordingSummary;
import java.util.List;

/** Everything one analysis found, ranked: warnings first, then by score. Immutable. */
public record AnalysisResult(RecordingSummary recording, EventFilter filter, List<Finding> findings) {
    public AnalysisResult {
        findings = List.copyOf(findings);
    }

    /** The most important finding, or null when there are none. */
    public Finding top() {
        return findings.isEmpty() ? null : findings.get(0);
    }
}
