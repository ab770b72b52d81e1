package dev.hashscope.live;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.RuntimeMXBean;
import java.net.MalformedURLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import javax.management.remote.rmi.RMIConnectorServer;
import javax.rmi.ssl.SslRMIClientSocketFactory;

/**
 * Opens a JMX connection to a target and checks that it can stream JFR events: a local JVM by pid through the
 * Attach API (starting its local management agent when it has none running), or a remote agent by URL. Every
 * step runs under a time limit, so an unreachable or frozen peer ends in a {@link LiveException}, never a hang.
 */
public final class JvmConnector {
    /** {@code RemoteRecordingStream} needs the target's FlightRecorderMXBean stream support, added in JDK 16. */
    public static final int MIN_STREAMING_FEATURE = 16;
    static final String FLIGHT_RECORDER_MBEAN = "jdk.management.jfr:type=FlightRecorder";

    static {
        // A frozen peer (SIGSTOP, a full GC that never ends, a dropped network) must not hold an RMI call forever:
        // without these the JDK's RMI client waits on the socket indefinitely. Only defaults; a user's -D wins.
        setIfAbsent("sun.rmi.transport.tcp.responseTimeout", "15000");
        setIfAbsent("sun.rmi.transport.proxy.connectTimeout", "10000");
    }

    private final Duration timeout;

    public JvmConnector(Duration timeout) {
        this.timeout = timeout;
    }

    public JvmConnector() {
        this(Duration.ofSeconds(15));
    }

    /** Connects and checks the target can stream; the caller closes the connection. */
    public JvmConnection connect(LiveTarget target) throws LiveException {
        JvmConnection c = timed("connecting to " + target.label(), () -> open(target));
        try {
            requireStreaming(c);
        } catch (LiveException e) {
            c.close();
            throw e;
        }
        return c;
    }

    private JvmConnection open(LiveTarget target) throws LiveException {
        if (target instanceof LiveTarget.Local local) {
            String address = localConnectorAddress(local.pid());
            return jmx(target, address, Map.of());
        }
        LiveTarget.Remote remote = (LiveTarget.Remote) target;
        Map<String, Object> env = new HashMap<>();
        if (remote.user() != null && !remote.user().isEmpty()) {
            env.put(JMXConnector.CREDENTIALS, new String[]{remote.user(),
                    remote.password() == null ? "" : new String(remote.password())});
        }
        if (!remote.tls()) {
            return jmx(target, remote.serviceUrl(), env);
        }
        // The connector's own stub brings TLS when the agent has ssl=true; the RMI registry is TLS only with
        // registry.ssl=true. As jconsole does: try the registry over TLS first, then plain.
        env.put(RMIConnectorServer.RMI_CLIENT_SOCKET_FACTORY_ATTRIBUTE, new SslRMIClientSocketFactory());
        Map<String, Object> sslRegistry = new HashMap<>(env);
        sslRegistry.put("com.sun.jndi.rmi.factory.socket", new SslRMIClientSocketFactory());
        try {
            return jmx(target, remote.serviceUrl(), sslRegistry);
        } catch (LiveException first) {
            if (!causedBy(first, javax.net.ssl.SSLException.class)) {
                throw first; // refused credentials, nothing listening, ...: the same without TLS on the registry
            }
            return jmx(target, remote.serviceUrl(), env);
        }
    }

    /** Attaches to a local JVM and returns its local JMX connector address, starting the agent if needed. */
    static String localConnectorAddress(long pid) throws LiveException {
        if (pid == ProcessHandle.current().pid()) {
            throw new LiveException("pid " + pid + " is Hashscope itself; choose another JVM");
        }
        VirtualMachine vm;
        try {
            vm = VirtualMachine.attach(Long.toString(pid));
        } catch (AttachNotSupportedException | IOException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            if (!alive) {
                throw new LiveException("no process with pid " + pid + " is running", e);
            }
            throw new LiveException("cannot attach to pid " + pid + " (" + why + "): it must be a HotSpot JVM "
                    + "started by the same user, without -XX:+DisableAttachMechanism", e);
        }
        try {
            return vm.startLocalManagementAgent();
        } catch (IOException e) {
            throw new LiveException("pid " + pid + " did not start its management agent: " + e.getMessage(), e);
        } finally {
            try {
                vm.detach();
            } catch (IOException ignored) {
                // Detaching only closes our side of the attach socket.
            }
        }
    }

    private static JvmConnection jmx(LiveTarget target, String url, Map<String, ?> env) throws LiveException {
        JMXServiceURL serviceUrl;
        try {
            serviceUrl = new JMXServiceURL(url);
        } catch (MalformedURLException e) {
            throw new LiveException("not a JMX service URL or host:port: " + url, e);
        }
        JMXConnector connector;
        try {
            connector = JMXConnectorFactory.connect(serviceUrl, env);
        } catch (SecurityException e) {
            throw new LiveException("the JMX agent at " + target.label() + " refused the credentials: "
                    + e.getMessage(), e);
        } catch (IOException e) {
            throw new LiveException("cannot connect to " + target.label() + ": " + rootMessage(e), e);
        }
        try {
            MBeanServerConnection server = connector.getMBeanServerConnection();
            RuntimeMXBean rt = ManagementFactory.newPlatformMXBeanProxy(server,
                    ManagementFactory.RUNTIME_MXBEAN_NAME, RuntimeMXBean.class);
            Map<String, String> props = rt.getSystemProperties();
            String spec = props.getOrDefault("java.specification.version", rt.getSpecVersion());
            TargetInfo info = new TargetInfo(pidOf(rt), TargetInfo.mainClassOf(props.get("sun.java.command")),
                    props.getOrDefault("java.version", "?"), TargetInfo.feature(spec), rt.getVmName());
            return new JvmConnection(target, connector, server, info);
        } catch (IOException | RuntimeException e) {
            try {
                connector.close();
            } catch (IOException ignored) {
                // Already failing.
            }
            throw new LiveException("connected to " + target.label() + " but it did not answer: " + rootMessage(e), e);
        }
    }

    private static long pidOf(RuntimeMXBean rt) {
        try {
            return rt.getPid();
        } catch (RuntimeException e) {
            // JDK 8 targets have no getPid(); the name is "pid@host" on HotSpot.
            String name = rt.getName();
            int at = name == null ? -1 : name.indexOf('@');
            try {
                return at > 0 ? Long.parseLong(name.substring(0, at)) : -1;
            } catch (NumberFormatException nfe) {
                return -1;
            }
        }
    }

    /** Fails with what the target needs when it cannot stream JFR events. */
    static void requireStreaming(JvmConnection c) throws LiveException {
        TargetInfo info = c.info();
        boolean hasJfr;
        try {
            hasJfr = c.server().isRegistered(new ObjectName(FLIGHT_RECORDER_MBEAN));
        } catch (IOException | javax.management.MalformedObjectNameException e) {
            throw new LiveException("the target stopped answering: " + rootMessage(e), e);
        }
        if (!hasJfr) {
            throw new LiveException(info.label() + " has no Flight Recorder MBean (" + FLIGHT_RECORDER_MBEAN
                    + "): live streaming needs a JDK " + MIN_STREAMING_FEATURE + "+ with JFR and the "
                    + "jdk.management.jfr module (not removed by jlink)");
        }
        if (info.featureVersion() < MIN_STREAMING_FEATURE) {
            throw new LiveException(info.label() + " is too old to stream events: live streaming needs JDK "
                    + MIN_STREAMING_FEATURE + "+ on the target. Record to a file instead "
                    + "(-XX:StartFlightRecording:settings=hashscope.jfc,filename=app.jfr) and open it");
        }
    }

    interface Step<T> {
        T run() throws LiveException;
    }

    private <T> T timed(String what, Step<T> step) throws LiveException {
        ExecutorService ex = Executors.newSingleThreadExecutor(Daemons.factory("hashscope-connect"));
        try {
            Future<T> f = ex.submit(step::run);
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new LiveException(what + " timed out after " + timeout.toSeconds()
                    + " s: the target or the network does not answer", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof LiveException le) {
                throw le;
            }
            throw new LiveException(what + " failed: " + rootMessage(e.getCause()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LiveException(what + " was interrupted", e);
        } finally {
            ex.shutdownNow();
        }
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m.lines().findFirst().orElse(""));
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
