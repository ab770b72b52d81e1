package dev.hashscope.live;

import java.io.IOException;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;

/**
 * An open JMX connection to a target JVM, with what it said about itself. Closing never blocks the caller for
 * long: a frozen peer cannot hold the UI (the close runs on a daemon thread when it does not finish at once).
 */
public final class JvmConnection implements AutoCloseable {
    private final JMXConnector connector;
    private final MBeanServerConnection server;
    private final TargetInfo info;
    private final LiveTarget target;

    JvmConnection(LiveTarget target, JMXConnector connector, MBeanServerConnection server, TargetInfo info) {
        this.target = target;
        this.connector = connector;
        this.server = server;
        this.info = info;
    }

    public LiveTarget target() {
        return target;
    }

    public MBeanServerConnection server() {
        return server;
    }

    public JMXConnector connector() {
        return connector;
    }

    public TargetInfo info() {
        return info;
    }

    @Override
    public void close() {
        Thread t = Daemons.start("hashscope-jmx-close", () -> {
            try {
                connector.close();
            } catch (IOException | RuntimeException ignored) {
                // The peer is gone or frozen; nothing is left to release on our side but the socket.
            }
        });
        try {
            t.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
