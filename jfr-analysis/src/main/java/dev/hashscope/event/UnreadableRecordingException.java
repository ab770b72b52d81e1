package dev.hashscope.event;

/**
 * The one error a reader declares: the input cannot be read as a recording. The message is a single
 * line meant for the user ("not a JFR file: ...", "empty file", "truncated at byte N: ...").
 */
public final class UnreadableRecordingException extends Exception {
    public UnreadableRecordingException(String message) {
        super(message);
    }

    public UnreadableRecordingException(String message, Throwable cause) {
        super(message, cause);
    }
}
