package dev.hashscope.event;

import java.util.Set;

/**
 * Receives a recording's events, in file order, from a {@link RecordingReader}.
 *
 * <p>Every method has an empty default so a consumer implements only what it folds. Ids in the events
 * resolve through the {@link Symbols} handed to {@link #begin}. Events are delivered on the reader's
 * thread; records are immutable and may be kept.
 */
public interface EventSink {
    /** The kinds this sink consumes; events of other kinds are not decoded for it. Default: all. */
    default Set<EventKind> kinds() {
        return EventKind.all();
    }

    /**
     * True for an observer: a sink that has no kind decoded for itself ({@link #kinds()} may be empty) but is
     * handed every event that is decoded for the other sinks of a fan-out (progress and cancellation). Default
     * false: a sink receives only its own kinds.
     */
    default boolean observesAll() {
        return false;
    }

    default void begin(RecordingLayout layout, Symbols symbols) {
    }

    default void executionSample(ExecutionSample e) {
    }

    default void monitorBlocked(MonitorBlocked e) {
    }

    default void monitorWait(MonitorWait e) {
    }

    default void threadPark(ThreadPark e) {
    }

    default void allocation(AllocationSample e) {
    }

    default void gcPause(GcPause e) {
    }

    default void gcPhasePause(GcPhasePause e) {
    }

    default void cpuLoad(CpuLoad e) {
    }

    default void threadLifecycle(ThreadLifecycle e) {
    }

    default void jvmInfo(JvmInfo e) {
    }

    default void setting(RecordingSetting e) {
    }

    /** One hash table's bucket distribution, from the map probe ({@code hashscope.MapBuckets}). */
    default void mapBuckets(MapBuckets e) {
    }

    /**
     * How far into the file the reader is: every event delivered so far lies before byte {@code offset} (of the
     * recording as read, i.e. decompressed). Readers that know call it every few thousand events; the JDK's
     * parser cannot tell, so a sink must not rely on it. Default: ignored.
     */
    default void position(long offset) {
    }

    /** Called once after the last event, with what the reader saw. */
    default void end(ReadStats stats) {
    }

    /** Fans one event stream out to several sinks, so all analyses share one pass over the file. */
    static EventSink all(EventSink... sinks) {
        return new MulticastSink(sinks);
    }
}
