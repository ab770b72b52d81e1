package dev.hashscope.detect;

/** The unit of an evidence value, so that reports can format it and tools can compare it. */
public enum Unit {
    COUNT, NANOS, BYTES, BYTES_PER_SECOND, FRACTION, SECONDS, NONE
}
