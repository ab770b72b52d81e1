package dev.hashscope.live;

import java.util.concurrent.ThreadFactory;

/**
 * Daemon threads for the live code: every JMX call or stream close may wait on a peer that never answers, and
 * such a thread must not keep Hashscope's JVM alive when the user quits.
 */
final class Daemons {
    private Daemons() {
    }

    static ThreadFactory factory(String name) {
        return r -> newThread(name, r);
    }

    /** Starts {@code work} on a new daemon thread. */
    static Thread start(String name, Runnable work) {
        Thread t = newThread(name, work);
        t.start();
        return t;
    }

    private static Thread newThread(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
