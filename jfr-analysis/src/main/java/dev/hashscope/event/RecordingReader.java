package dev.hashscope.event;

import java.nio.file.Path;

/**
 * Streams a recording's events into a sink; never holds all events in memory.
 *
 * <p>Implementations: {@link dev.hashscope.event.fast.FastRecordingReader} (Hashscope's own parser, the
 * standard one) and {@link JdkRecordingReader} (the JDK's {@code jdk.jfr.consumer} parser: the reference the
 * fast one is tested against, and its fallback). Both deliver the same events and symbols, so nothing
 * downstream depends on which one runs.
 */
public interface RecordingReader {
    /**
     * Reads every complete chunk of {@code file}. A truncated tail is skipped and reported in the
     * layout ({@link RecordingLayout#skippedBytes()}), not treated as an error.
     *
     * @throws UnreadableRecordingException when nothing can be read: empty, not JFR, an unsupported
     *                                      format version, no complete chunk, or corrupt data
     * @throws java.util.concurrent.CancellationException when a sink throws it to stop the read; passed on as is
     * @throws RuntimeException                          what a sink threw (a bug in the analysis), passed on as
     *                                                    is rather than reported as a corrupt recording
     */
    ReadStats read(Path file, EventSink sink) throws UnreadableRecordingException;

    /**
     * The reader Hashscope uses unless told otherwise: the fast parser, which hands what it cannot read as
     * the JDK would (an unexpected field type, a chunk over 2 GB, metadata it cannot parse) to
     * {@link JdkRecordingReader} and says why ({@code FastRecordingReader.lastFallback()}).
     */
    static RecordingReader standard() {
        return new dev.hashscope.event.fast.FastRecordingReader();
    }
}
