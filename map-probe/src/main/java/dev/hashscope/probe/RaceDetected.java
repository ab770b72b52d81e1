package dev.hashscope.probe;

/**
 * A table changed under the probe while it was read (a resize, a chain longer than the table can hold).
 * Thrown without a stack trace; the probe retries the table or skips it for this scan, never the application.
 */
final class RaceDetected extends Exception {
    static final RaceDetected INSTANCE = new RaceDetected();

    private RaceDetected() {
        super("table changed while read", null, false, false);
    }
}
