package dev.hashscope.cli;

/** The command line is wrong: exit code 2, one line saying what to change. */
final class UsageException extends Exception {
    UsageException(String message) {
        super(message);
    }
}
