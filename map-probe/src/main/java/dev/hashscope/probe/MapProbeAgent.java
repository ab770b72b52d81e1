package dev.hashscope.probe;

import java.lang.instrument.Instrumentation;
import java.lang.management.ManagementFactory;
import javax.management.ObjectName;

/**
 * The agent's entry points: {@code -javaagent:hashscope-map-probe.jar=period=10s,minSize=64} at start-up, or
 * {@code VirtualMachine.loadAgent(jar, options)} into a running JVM. Opens the JDK packages it reads, registers
 * the MXBean and starts one daemon thread that scans every {@code period}. The thread waits at least 99 times
 * as long as its last scan took ({@code maxCpu=1%}), so the probe uses at most 1% of one core whatever the
 * heap looks like.
 *
 * <p>Nothing here throws into the host: a bad option string or an unexpected JDK prints one line to stderr
 * and leaves the application running without the probe.
 */
public final class MapProbeAgent {
    private static final Object LOCK = new Object();
    private static volatile MapProbe running;

    private MapProbeAgent() {
    }

    public static void premain(String args, Instrumentation inst) {
        start(args, inst);
    }

    public static void agentmain(String args, Instrumentation inst) {
        start(args, inst);
    }

    private static void start(String args, Instrumentation inst) {
        synchronized (LOCK) {
            if (running != null) {
                System.err.println("hashscope map probe: already running (" + running.getOptions() + ")");
                return;
            }
            try {
                ProbeOptions options = ProbeOptions.parse(args);
                ModuleAccess.open(inst);
                MapProbe probe = MapProbe.create(options, inst::getAllLoadedClasses, options.jfr());
                if (options.jmx()) {
                    ManagementFactory.getPlatformMBeanServer().registerMBean(probe,
                            new ObjectName(MapProbeMXBean.OBJECT_NAME));
                }
                Thread t = new Thread(() -> loop(probe, options), "hashscope-map-probe");
                t.setDaemon(true);
                t.setPriority(Thread.MIN_PRIORITY);
                t.start();
                running = probe;
            } catch (IllegalArgumentException e) {
                System.err.println("hashscope map probe: " + e.getMessage() + "; not started");
            } catch (Exception | LinkageError e) {
                System.err.println("hashscope map probe: cannot start on this JVM (" + e + ")");
            }
        }
    }

    private static void loop(MapProbe probe, ProbeOptions options) {
        long pauseNanos = options.period().toNanos();
        while (true) {
            try {
                Thread.sleep(pauseNanos / 1_000_000, (int) (pauseNanos % 1_000_000));
            } catch (InterruptedException e) {
                return;
            }
            try {
                probe.scan();
            } catch (Throwable t) { // never let the probe's failure reach the host; try again next period
                if (t instanceof VirtualMachineError && !(t instanceof OutOfMemoryError)) {
                    return;
                }
            }
            pauseNanos = options.pauseNanosAfter(probe.getLastScanCpuNanos());
        }
    }
}
