package dev.hashscope.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hashscope.flame.EventFilter;
import dev.hashscope.samples.ResizeStorm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * On a JDK 25+ target the session also records exact timing of the map methods that matter. Runs when a JDK 25
 * is installed (HASHSCOPE_JDK25, or Temurin 25 at its Debian path); skipped otherwise.
 */
class MethodTimingTest {
    @Test
    void jdk25TargetsReportHashMapResizeTiming() throws Exception {
        Path jdk = Path.of(System.getenv().getOrDefault("HASHSCOPE_JDK25", "/usr/lib/jvm/temurin-25-jdk-amd64"));
        assumeTrue(Files.isExecutable(jdk.resolve("bin/java")), "no JDK 25 at " + jdk);
        try (ChildJvm child = ChildJvm.startOn(jdk, ResizeStorm.class, 120, null)) {
            JvmConnection c = LiveSessionTest.connectWithRetry(new LiveTarget.Local(child.pid()));
            assertTrue(c.info().featureVersion() >= 25, c.info().label());
            try (LiveSession s = LiveSession.start(c, LiveSession.Options.defaults(), null)) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
                MethodTiming resize = null;
                while (resize == null && System.nanoTime() < deadline) {
                    Thread.sleep(500);
                    resize = s.snapshot(EventFilter.ALL).methodTimings().stream()
                            .filter(m -> m.method().equals("java.util.HashMap.resize") && m.invocations() > 0)
                            .findFirst().orElse(null);
                }
                assertTrue(resize != null, "HashMap.resize timing within 40 s");
                assertTrue(resize.averageNanos() > 0 && resize.maximumNanos() >= resize.averageNanos(), resize.toString());
                assertEquals(LiveSession.State.STREAMING, s.status().state());
            }
        }
    }
}
