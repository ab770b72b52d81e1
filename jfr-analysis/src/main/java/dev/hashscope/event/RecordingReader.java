package dev.hashscope.event;

import java.nio.file.Path;

/**
 * Streams a recording's events into a sink; never holds all events in memory.
 *
 * <p>Implementations: {@link JdkRecordingReader} (the JDK's {@code jdk.jfr.consumer} parser). A faster
 * parser will implement the same contract, so nothing downstream depends on which one runs.
 */
public interface RecordingReader {
    /**
     * Reads every complete chunk of {@code file}. A truncated tail is skipped and reported in the
     * layout ({@link RecordingLayout#skippedBytes()}), not treated as an error.
     *
     * @throws UnreadableRecordingException when nothing can be read: empty, not JFR, an unsupported
     *                                      format version, no complete chunk, or corrupt data
     * @throws java.util.concurrent.CancellationException when a sink throws it to stop the read; passed on as is
     */
    ReadStats read(Path file, EventSink sink) throws UnreadableRecordingException;

    /** The reader Hashscope uses unless told otherwise. */
    static RecordingReader standard() {
        return new JdkRecordingReader();
    }
}
