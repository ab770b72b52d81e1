package dev.hashscope.live;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads the map probe ({@code map-probe}, docs/map-probe.md) into a running local JVM through the Attach API: the
 * "Inspect maps" action. Its {@code hashscope.MapBuckets} events then arrive with the live stream (new event types
 * are enabled by default), so the Buckets view fills at the probe's next scan.
 */
public final class MapProbeLoader {
    /** The agent's class, looked up by name: the engine does not depend on the probe. */
    static final String AGENT_CLASS = "dev.hashscope.probe.MapProbeAgent";
    public static final String JAR_NAME = "hashscope-map-probe.jar";
    /** Scans every 5 s in a live session (the probe's own default is 10 s), still under 1% of a core. */
    public static final String LIVE_OPTIONS = "period=5s";

    private MapProbeLoader() {
    }

    /** The probe's jar where this process can find it (its class path, or beside the engine), or null. */
    public static Path findAgentJar() {
        try {
            Class<?> c = Class.forName(AGENT_CLASS, false, MapProbeLoader.class.getClassLoader());
            Path where = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(where)) {
                return where;
            }
            // Classes straight from a build (tests): the packaged jar sits next to them.
            Path packaged = where.resolveSibling(JAR_NAME);
            return Files.isRegularFile(packaged) ? packaged : null;
        } catch (ClassNotFoundException | URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    /** Loads the probe into {@code pid} with {@code options}; one clear line when it cannot. */
    public static void load(long pid, Path agentJar, String options) throws LiveException {
        if (agentJar == null || !Files.isRegularFile(agentJar)) {
            throw new LiveException("the map probe's jar (" + JAR_NAME + ") is not installed with this Hashscope");
        }
        VirtualMachine vm;
        try {
            vm = VirtualMachine.attach(Long.toString(pid));
        } catch (AttachNotSupportedException | IOException e) {
            throw new LiveException("cannot attach to pid " + pid + " to load the map probe: " + e.getMessage(), e);
        }
        try {
            vm.loadAgent(agentJar.toString(), options);
        } catch (AgentInitializationException e) {
            throw new LiveException("the map probe did not start in pid " + pid + " (agentmain returned "
                    + e.returnValue() + ")", e);
        } catch (AgentLoadException | IOException e) {
            throw new LiveException("pid " + pid + " refused the map probe: " + e.getMessage()
                    + " (a JVM started with -XX:-EnableDynamicAgentLoading refuses agents; start it with "
                    + "-javaagent:" + JAR_NAME + " instead)", e);
        } finally {
            try {
                vm.detach();
            } catch (IOException ignored) {
                // Only our side of the attach socket.
            }
        }
    }
}
