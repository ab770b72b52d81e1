package dev.hashscope.event.fast;

import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;

/**
 * Runs the producer on its own thread, handing its items over through a small bounded queue: the parser
 * runs at most a few batches (and so at most a couple of chunks) ahead of delivery, which bounds memory.
 */
final class Pipeline {
    static final Object END = new Object();
    private static final int CAPACITY = 16;

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final Thread thread;
    private volatile boolean stopped;
    private volatile long parserCpuNanos = -1;

    Pipeline(FastRecordingReader.Producer producer) {
        thread = new Thread(() -> {
            try {
                producer.produce(this::put);
                parserCpuNanos = cpuTime();
                put(END);
            } catch (InterruptedIOException e) {
                // stopped by the consumer
            } catch (Throwable t) {
                try {
                    put(t);
                } catch (InterruptedIOException ignored) {
                    // stopped by the consumer
                }
            }
        }, "hashscope-jfr-parser");
        thread.setDaemon(true);
        thread.start();
    }

    /** Thrown inside the producer when the consumer has gone. */
    private static final class InterruptedIOException extends IOException {
        InterruptedIOException() {
            super("read stopped");
        }
    }

    private void put(Object item) throws InterruptedIOException {
        try {
            while (!stopped) {
                if (queue.offer(item, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new InterruptedIOException();
    }

    private static long cpuTime() {
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        return threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : -1;
    }

    /** CPU time the parser thread used, once it has handed over {@link #END}; -1 if unknown. */
    long parserCpuNanos() {
        return parserCpuNanos;
    }

    Object take() {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while reading the recording");
        }
    }

    /** Stops the producer (if still running) and waits for it, so no thread outlives the read. */
    void stop() {
        stopped = true;
        queue.clear();
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
