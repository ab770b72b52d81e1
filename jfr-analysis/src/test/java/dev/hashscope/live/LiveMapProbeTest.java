package dev.hashscope.live;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hashscope.buckets.BucketHistory;
import dev.hashscope.flame.EventFilter;
import dev.hashscope.samples.ProbedPoorHash;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** "Inspect maps" end to end: the probe loaded into a streaming child JVM fills the live Buckets data. */
class LiveMapProbeTest {
    @Test
    void theProbeLoadedIntoAStreamingTargetReportsItsTablesLive() throws Exception {
        Path jar = MapProbeLoader.findAgentJar();
        assertNotNull(jar, "the probe jar is found from the class path");
        try (ChildJvm child = ChildJvm.start(ProbedPoorHash.class, 120, false)) {
            JvmConnection c = LiveSessionTest.connectWithRetry(new LiveTarget.Local(child.pid()));
            try (LiveSession s = LiveSession.start(c, LiveSession.Options.defaults(), null)) {
                MapProbeLoader.load(child.pid(), jar, "period=1s,maxCpu=25%");
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
                BucketHistory h = BucketHistory.EMPTY;
                while (h.isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(500);
                    h = s.snapshot(EventFilter.ALL).buckets();
                }
                assertTrue(!h.isEmpty(), "the probe's tables arrive with the stream within 40 s");
                assertTrue(h.maps().stream().anyMatch(m -> m.map().startsWith("dev.hashscope.samples.TradeLedger.")),
                        "the sample's own table is among them: " + h.maps().stream().map(m -> m.map()).toList());
            }
        }
    }

    @Test
    void aMissingJarOrProcessIsOneClearLine() {
        LiveException noJar = assertThrows(LiveException.class,
                () -> MapProbeLoader.load(ProcessHandle.current().pid(), Path.of("/nonexistent.jar"), ""));
        assertTrue(noJar.getMessage().contains("not installed"), noJar.getMessage());
        LiveException noPid = assertThrows(LiveException.class,
                () -> MapProbeLoader.load(ProcessHandle.current().pid() + 1_000_000, MapProbeLoader.findAgentJar(), ""));
        assertTrue(noPid.getMessage().startsWith("cannot attach to pid"), noPid.getMessage());
    }
}
