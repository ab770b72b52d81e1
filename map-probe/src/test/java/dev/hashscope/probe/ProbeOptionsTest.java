package dev.hashscope.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProbeOptionsTest {
    @Test
    void defaultsWhenEmpty() {
        assertEquals(ProbeOptions.DEFAULTS, ProbeOptions.parse(null));
        assertEquals(ProbeOptions.DEFAULTS, ProbeOptions.parse(" "));
        assertEquals(Duration.ofSeconds(10), ProbeOptions.DEFAULTS.period());
    }

    @Test
    void parsesEveryOption() {
        ProbeOptions o = ProbeOptions.parse("period=500ms, minSize=8,maxObjects=1_000,walkBudget=1s,maxMaps=5,"
                + "maxEntries=99,vector=64,includeJdk=true,jfr=false,jmx=off,maxCpu=20%");
        assertEquals(Duration.ofMillis(500), o.period());
        assertEquals(8, o.minSize());
        assertEquals(1000, o.maxObjects());
        assertEquals(Duration.ofSeconds(1), o.walkBudget());
        assertEquals(5, o.maxMaps());
        assertEquals(99, o.maxEntries());
        assertEquals(64, o.vectorLength());
        assertFalse(o.jfr());
        assertFalse(o.jmx());
        assertEquals(20.0, o.maxCpuPercent());
        assertEquals(Duration.ofMillis(500).toNanos(), o.pauseNanosAfter(1_000_000), "the period when scans are cheap");
        assertEquals(800_000_000L, o.pauseNanosAfter(200_000_000), "4x a 200 ms scan keeps it at 20%");
        assertEquals(o, ProbeOptions.parse(o.toString()), "toString is the option syntax");
    }

    @Test
    void badOptionsSayWhatIsWrong() {
        assertEquals("unknown option 'periode' (known: period, minSize, maxObjects, walkBudget, maxMaps, "
                + "maxEntries, vector, includeJdk, jfr, jmx, maxCpu)",
                assertThrows(IllegalArgumentException.class, () -> ProbeOptions.parse("periode=1s")).getMessage());
        assertEquals("period must be a duration like 500ms, 10s, 1m or 1h, got 'soon'",
                assertThrows(IllegalArgumentException.class, () -> ProbeOptions.parse("period=soon")).getMessage());
        assertEquals("minSize must be a whole number, got 'x'",
                assertThrows(IllegalArgumentException.class, () -> ProbeOptions.parse("minSize=x")).getMessage());
    }
}
