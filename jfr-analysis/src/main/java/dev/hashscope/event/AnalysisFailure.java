package dev.hashscope.event;

/**
 * What a reader throws when a sink, not the file, failed: a bug in an analysis. Readers turn their parser's
 * failures into {@link UnreadableRecordingException} ("corrupt recording"); without this wrapper a detector's
 * own exception, thrown while an event is delivered, would be reported as a damaged file. The cause is the
 * sink's exception.
 */
public final class AnalysisFailure extends RuntimeException {
    AnalysisFailure(RuntimeException cause) {
        super("the analysis failed on an event (a bug in Hashscope, not in the recording): " + cause, cause);
    }
}
