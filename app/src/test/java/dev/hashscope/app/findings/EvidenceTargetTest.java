package dev.hashscope.app.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.hashscope.detect.Evidence;
import dev.hashscope.detect.Finding;
import dev.hashscope.detect.Unit;
import dev.hashscope.flame.FlameKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvidenceTargetTest {
    private static Finding finding(String detector, Unit unit) {
        Evidence.Builder ev = Evidence.builder().window(new Evidence.TimeWindow(1, 2, "burst"));
        if (unit != null) {
            ev.callSite(new Evidence.CallSite("a.B.c:3", "HashMap", "put", List.of("a.B.c:3"), 1, 1, unit, null,
                    null, null, 1, 1));
        }
        return Finding.scored(detector, 80, "t", "s", "e", "f", ev.build());
    }

    @Test
    void eachFindingGoesToTheTreeThatShowsItsCost() {
        assertEquals(FlameKind.LOCK, EvidenceTarget.of(finding("map.monitor-contention", Unit.NANOS)).kind());
        assertEquals(FlameKind.LOCK, EvidenceTarget.of(finding("map.bin-contention", Unit.NANOS)).kind());
        assertEquals(FlameKind.PARK, EvidenceTarget.of(finding("map.lock-park", Unit.NANOS)).kind());
        assertEquals(FlameKind.ALLOC, EvidenceTarget.of(finding("map.resize-churn", Unit.BYTES)).kind());
        assertEquals(FlameKind.CPU, EvidenceTarget.of(finding("map.resize-churn", Unit.COUNT)).kind(),
                "a resize found in CPU samples only");
        assertEquals(FlameKind.ALLOC, EvidenceTarget.of(finding("map.boxing", Unit.BYTES)).kind());
        assertEquals(FlameKind.CPU, EvidenceTarget.of(finding("map.poor-hash", Unit.COUNT)).kind());
        assertEquals(FlameKind.ALLOC, EvidenceTarget.of(finding("some.future-detector", Unit.BYTES)).kind());
        assertEquals(FlameKind.PARK, EvidenceTarget.of(finding("other.park-thing", Unit.NANOS)).kind());
    }

    @Test
    void carriesTheFirstCallSiteAndTheWindows() {
        EvidenceTarget t = EvidenceTarget.of(finding("map.boxing", Unit.BYTES));
        assertEquals("a.B.c:3", t.frame());
        assertEquals(1, t.windows().size());
        assertNull(EvidenceTarget.of(finding("latency.spikes", null)).frame());
    }
}
