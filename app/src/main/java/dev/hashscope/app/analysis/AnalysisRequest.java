package dev.hashscope.app.analysis;

import dev.hashscope.flame.EventFilter;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What to analyse: a file and the filter every view shares.
 *
 * @param file        the recording (for the bundled sample: its extracted copy)
 * @param displayName what the user calls it: the file name, or the sample's name
 * @param sample      true for the bundled sample recording
 * @param threadRegex keeps threads whose name matches anywhere; empty for all threads
 * @param range       the time range, or null for the whole recording
 */
public record AnalysisRequest(Path file, String displayName, boolean sample, String threadRegex, TimeRange range) {
    public AnalysisRequest {
        Objects.requireNonNull(file);
        displayName = displayName == null ? String.valueOf(file.getFileName()) : displayName;
        threadRegex = threadRegex == null ? "" : threadRegex;
    }

    public static AnalysisRequest of(Path file) {
        return new AnalysisRequest(file, null, false, "", null);
    }

    public AnalysisRequest withThreadRegex(String regex) {
        return new AnalysisRequest(file, displayName, sample, regex, range);
    }

    public AnalysisRequest withRange(TimeRange r) {
        return new AnalysisRequest(file, displayName, sample, threadRegex, r);
    }

    /** The engine's filter; throws {@link java.util.regex.PatternSyntaxException} for a bad regex. */
    public EventFilter filter() {
        return EventFilter.of(threadRegex.isEmpty() ? null : threadRegex, range == null ? null : range.fromSeconds(),
                range == null ? null : range.toSeconds());
    }

    /** The same threads over the whole recording: what the timeline shows, so a range can be chosen again. */
    public EventFilter threadFilterOnly() {
        return EventFilter.of(threadRegex.isEmpty() ? null : threadRegex, null, null);
    }

    /** True when {@code other} reads the same file with the same threads (it may differ in time range). */
    public boolean sameFileAndThreads(AnalysisRequest other) {
        return other != null && file.equals(other.file) && threadRegex.equals(other.threadRegex);
    }
}
