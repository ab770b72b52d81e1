package dev.hashscope.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.tools.attach.VirtualMachine;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.management.JMX;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent as users get it: a child JVM without any probe flags, the agent loaded through the Attach API,
 * the MXBean read over a JMX connection, the events read from the child's recording.
 */
class AgentAttachTest {
    private static final String COLLIDING = ChildWorkload.class.getName() + ".COLLIDING";

    @Test
    void attachesToARunningJvmAndServesTheMXBeanAndTheEvents(@TempDir Path dir) throws Exception {
        Path jar = AgentJar.build(dir);
        Path recording = dir.resolve("child.jfr");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String testClasses = Path.of(ChildWorkload.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
        Process child = new ProcessBuilder(java, "-Xmx64m",
                "-XX:StartFlightRecording=dumponexit=true,filename=" + recording,
                "-cp", testClasses, ChildWorkload.class.getName())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.equals("ready")) {
                // JFR's start-up message
            }
            VirtualMachine vm = VirtualMachine.attach(Long.toString(child.pid()));
            MapSnapshot viaJmx;
            List<String> listed;
            try {
                vm.loadAgent(jar.toString(), "period=200ms,minSize=10");
                String address = vm.startLocalManagementAgent();
                try (JMXConnector c = JMXConnectorFactory.connect(new JMXServiceURL(address))) {
                    MBeanServerConnection mbs = c.getMBeanServerConnection();
                    MapProbeMXBean probe = JMX.newMXBeanProxy(mbs, new ObjectName(MapProbeMXBean.OBJECT_NAME),
                            MapProbeMXBean.class);
                    probe.refresh(); // a scan now, and its events, whatever the period
                    probe.refresh();
                    listed = probe.listMaps();
                    viaJmx = probe.snapshot(COLLIDING);
                    assertTrue(probe.getScanCount() >= 1);
                }
            } finally {
                vm.detach();
            }
            assertTrue(listed.contains(COLLIDING), listed::toString);
            assertTrue(listed.contains(ChildWorkload.class.getName() + ".HEALTHY"), listed::toString);
            assertEquals(COLLIDING, listed.get(0), "the worst table is listed first");
            assertArrayEquals(new int[] {61, 1, 0, 1, 0, 0, 0, 0, 1}, ChainCodec.decode(viaJmx.getHistogram()));
            assertEquals(1, viaJmx.getTreeifiedBins());
            assertEquals(Collider.class.getName(), viaJmx.getKeyClass());

            try (Writer in = new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8)) {
                in.write("quit\n");
            }
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "child exits");
            List<RecordedEvent> events = RecordingFile.readAllEvents(recording).stream()
                    .filter(e -> e.getEventType().getName().equals("hashscope.MapBuckets"))
                    .filter(e -> e.getString("map").equals(COLLIDING)).toList();
            assertTrue(events.size() >= 2, "one event per scan, two refreshes: " + events.size());
            RecordedEvent last = events.get(events.size() - 1);
            assertEquals(viaJmx.getHistogram(), last.getString("histogram"));
            assertEquals(viaJmx.getChainVector(), last.getString("chainVector"));
            assertEquals(64, last.getInt("capacity"));
        } finally {
            child.destroyForcibly();
        }
    }
}
