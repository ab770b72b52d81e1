package dev.hashscope.live;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import javax.management.ObjectName;

/**
 * Wakes this JVM's JFR stream parser more often. The JDK's parser of a streamed repository checks for new data
 * once a second unless this JVM's own recorder flushes, which wakes it at once; a recording of no events with a
 * short flush interval in this process (the same hidden {@code JFR.start} option as {@link LiveSession#FLUSH_RECORDING})
 * makes that happen every {@code interval}. Shared by all sessions of the process; off when the last one ends.
 */
final class LocalFlushNudge {
    private static final String NAME = "hashscope-local-flush";
    private static int users;

    private LocalFlushNudge() {
    }

    static synchronized void acquire(Duration interval) {
        if (users++ == 0) {
            try {
                command("jfrStart", "name=" + NAME, "settings=none",
                        "flush-interval=" + Math.max(1, interval.toMillis()) + "ms");
            } catch (Exception | LinkageError e) {
                // No JFR here or an older JDK: the parser keeps its once-a-second check.
            }
        }
    }

    static synchronized void release() {
        if (users > 0 && --users == 0) {
            try {
                command("jfrStop", "name=" + NAME);
            } catch (Exception | LinkageError e) {
                // Not running.
            }
        }
    }

    private static void command(String op, String... args) throws Exception {
        ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), op, new Object[]{args},
                new String[]{String[].class.getName()});
    }
}
