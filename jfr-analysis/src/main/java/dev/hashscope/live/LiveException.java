package dev.hashscope.live;

/** A live connection could not be made or kept; the message is one line for the user, saying what is needed. */
public final class LiveException extends Exception {
    public LiveException(String message) {
        super(message);
    }

    public LiveException(String message, Throwable cause) {
        super(message, cause);
    }
}
