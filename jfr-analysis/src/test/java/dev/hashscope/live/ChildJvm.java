package dev.hashscope.live;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A sample workload in a child JVM, for live tests: started on demand, killed at the end. */
final class ChildJvm implements AutoCloseable {
    final Process process;
    final int jmxPort;

    private ChildJvm(Process process, int jmxPort) {
        this.process = process;
        this.jmxPort = jmxPort;
    }

    /**
     * Starts {@code mainClass} from the sample workloads, running for {@code seconds}.
     *
     * @param jmx also open an unauthenticated JMX agent on a free loopback port
     */
    static ChildJvm start(Class<?> mainClass, double seconds, boolean jmx, String... extraJvmArgs) throws IOException {
        List<String> agent = jmx ? List.of("-Dcom.sun.management.jmxremote.authenticate=false",
                "-Dcom.sun.management.jmxremote.ssl=false") : null;
        return startWithAgent(mainClass, seconds, agent, extraJvmArgs);
    }

    /** @param agentOptions the JMX agent's authentication/TLS options, or null for no remote agent */
    static ChildJvm startWithAgent(Class<?> mainClass, double seconds, List<String> agentOptions,
                                   String... extraJvmArgs) throws IOException {
        return startOn(Path.of(System.getProperty("java.home")), mainClass, seconds, agentOptions, extraJvmArgs);
    }

    /** As {@link #startWithAgent}, on the JDK at {@code javaHome}. */
    static ChildJvm startOn(Path javaHome, Class<?> mainClass, double seconds, List<String> agentOptions,
                            String... extraJvmArgs) throws IOException {
        String java = javaHome.resolve("bin").resolve("java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+UseSerialGC"));
        int port = -1;
        if (agentOptions != null) {
            port = freePort();
            cmd.addAll(List.of("-Dcom.sun.management.jmxremote.port=" + port,
                    "-Dcom.sun.management.jmxremote.rmi.port=" + port,
                    "-Dcom.sun.management.jmxremote.host=127.0.0.1",
                    "-Djava.rmi.server.hostname=127.0.0.1"));
            cmd.addAll(agentOptions);
        }
        cmd.addAll(List.of(extraJvmArgs));
        cmd.addAll(List.of("-Dhashscope.sample.seconds=" + seconds, "-cp", classPathOf(mainClass),
                mainClass.getName()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return new ChildJvm(p, port);
    }

    long pid() {
        return process.pid();
    }

    String jmxUrl() {
        return "127.0.0.1:" + jmxPort;
    }

    private static String classPathOf(Class<?> c) {
        try {
            return new File(c.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Sends SIGSTOP/SIGCONT (Linux, macOS): a frozen target. */
    void signal(String name) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + name, Long.toString(pid())).inheritIO().start().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            try {
                signal("CONT");
            } catch (IOException ignored) {
                // Not stopped, or no kill command.
            }
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
