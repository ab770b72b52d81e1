package dev.hashscope.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;

class JfrEventTest {
    @Test
    void eachScanCommitsOneEventPerTable() throws Exception {
        WalkerFixture.REGISTRY.toString();
        Path file = Files.createTempFile("map-buckets", ".jfr");
        try (Recording r = new Recording()) {
            r.enable("hashscope.MapBuckets");
            r.start();
            MapProbe probe = MapProbe.create(ProbeOptions.parse("minSize=64"),
                    () -> new Class<?>[] {WalkerFixture.class}, true);
            List<MapSnapshot> scanned = probe.scan();
            r.stop();
            r.dump(file);
            List<RecordedEvent> events = RecordingFile.readAllEvents(file).stream()
                    .filter(e -> e.getEventType().getName().equals("hashscope.MapBuckets")).toList();
            assertEquals(scanned.size(), events.size());
            RecordedEvent sessions = events.stream()
                    .filter(e -> e.getString("map").equals(WalkerFixture.class.getName() + ".REGISTRY.sessions"))
                    .findFirst().orElseThrow();
            MapSnapshot expected = probe.snapshot(sessions.getString("map"));
            assertEquals(expected.getHistogram(), sessions.getString("histogram"));
            assertEquals(expected.getChainVector(), sessions.getString("chainVector"));
            assertEquals(100, sessions.getInt("size"));
            assertEquals(expected.getCapacity(), sessions.getInt("capacity"));
            assertEquals("Collections$SynchronizedMap>HashMap", sessions.getString("kind"));
            assertTrue(sessions.getLong("tableBytes") >= 16L + 4L * expected.getCapacity());
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
