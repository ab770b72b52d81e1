package dev.hashscope.detect;

import dev.hashscope.event.EventSink;
import dev.hashscope.event.FilteredSink;
import dev.hashscope.event.ReadStats;
import dev.hashscope.event.RecordingReader;
import dev.hashscope.event.UnreadableRecordingException;
import dev.hashscope.flame.EventFilter;
import dev.hashscope.summary.Capability;
import dev.hashscope.summary.RecordingSummarizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Runs every detector over a recording in one pass and ranks what they found. Detectors whose events
 * are missing report NOT_APPLICABLE with the setting that would add them.
 */
public final class Analyzer {
    /** Warnings first, then by score; ties broken by detector and title so output is stable. */
    public static final Comparator<Finding> RANKING = Comparator
            .comparing(Finding::severity, Comparator.comparingInt(Analyzer::rank))
            .thenComparing(Comparator.comparingInt(Finding::score).reversed())
            .thenComparing(Finding::detector)
            .thenComparing(Finding::title);

    private final List<Detector> detectors;
    private final RecordingReader reader;

    public Analyzer(List<Detector> detectors, RecordingReader reader) {
        this.detectors = List.copyOf(detectors);
        this.reader = reader;
    }

    /** All detectors on the class path, with the standard reader. */
    public static Analyzer standard() {
        return new Analyzer(loadDetectors(), RecordingReader.standard());
    }

    public static List<Detector> loadDetectors() {
        List<Detector> out = new ArrayList<>();
        ServiceLoader.load(Detector.class, Analyzer.class.getClassLoader()).forEach(out::add);
        out.sort(Comparator.comparing(Detector::id));
        return out;
    }

    public List<Detector> detectors() {
        return detectors;
    }

    public AnalysisResult analyze(Path file, EventFilter filter) throws UnreadableRecordingException {
        return analyze(file, filter, List.of());
    }

    /**
     * Analyses and, in the same pass, feeds {@code alsoFeed} (flame trees, timelines, ...) the events the
     * filter accepts: a desktop view gets findings and its charts from one read of the file.
     */
    public AnalysisResult analyze(Path file, EventFilter filter, List<EventSink> alsoFeed)
            throws UnreadableRecordingException {
        return analyze(file, filter, alsoFeed, null);
    }

    /** The findings of a read in progress, from what it has read so far. */
    public interface SoFar {
        /**
         * Call only on the reading thread, between events (from a sink's callback): detectors are not thread-safe.
         * Detectors whose findings cannot be computed before the read ends are left out; none is NOT_APPLICABLE yet.
         */
        AnalysisResult findings();
    }

    /**
     * As {@link #analyze(Path, EventFilter, List)}, and hands {@code soFar} (when not null) a way to ask for the
     * findings so far while the file is read: a desktop view can show first results of a big file early.
     */
    public AnalysisResult analyze(Path file, EventFilter filter, List<EventSink> alsoFeed,
                                  java.util.function.Consumer<SoFar> soFar) throws UnreadableRecordingException {
        AnalysisContext context = new AnalysisContext(filter);
        RecordingSummarizer summarizer = new RecordingSummarizer();
        List<Accumulator> accumulators = new ArrayList<>();
        for (Detector d : detectors) {
            accumulators.add(d.newAccumulator(context));
        }
        // The context sees settings and symbols before any detector looks at an event.
        List<EventSink> filtered = new ArrayList<>(accumulators);
        filtered.addAll(alsoFeed);
        EventSink detectorsSink = FilteredSink.of(filter, EventSink.all(filtered.toArray(EventSink[]::new)));
        if (soFar != null) {
            soFar.accept(() -> partial(filter, context, summarizer, accumulators));
        }
        ReadStats stats = reader.read(file, EventSink.all(context, summarizer, detectorsSink));
        return new AnalysisResult(summarizer.summary(), filter, rank(stats, context, accumulators));
    }

    private static AnalysisResult partial(EventFilter filter, AnalysisContext context, RecordingSummarizer summarizer,
                                          List<Accumulator> accumulators) {
        List<Finding> findings = new ArrayList<>();
        for (Accumulator a : accumulators) {
            try {
                findings.addAll(a.findings());
            } catch (RuntimeException notYet) {
                // A detector that needs the whole read (e.g. state set in end()) has nothing to say yet.
            }
        }
        findings.sort(RANKING);
        // The summary of a read in progress: the layout and settings are known, the event counts not yet.
        summarizer.end(new ReadStats(context.layout(), java.util.Map.of()));
        return new AnalysisResult(summarizer.summary(), filter, findings);
    }

    List<Finding> rank(ReadStats stats, AnalysisContext context, List<Accumulator> accumulators) {
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < detectors.size(); i++) {
            Detector d = detectors.get(i);
            Finding missing = notApplicable(d, stats, context);
            if (missing != null) {
                findings.add(missing);
            } else {
                findings.addAll(accumulators.get(i).findings());
            }
        }
        findings.sort(RANKING);
        return findings;
    }

    /** A NOT_APPLICABLE finding naming what is missing, or null when every requirement is met. */
    static Finding notApplicable(Detector d, ReadStats stats, AnalysisContext context) {
        List<String> missing = new ArrayList<>();
        List<String> how = new ArrayList<>();
        for (Capability c : d.requirements()) {
            boolean met = c.events().stream().anyMatch(e -> stats.count(e) > 0 || context.enabled(e));
            if (!met) {
                missing.add(String.join(" or ", c.events()));
                how.add(c.howToRecord());
            }
        }
        if (missing.isEmpty()) {
            return null;
        }
        return new Finding(d.id(), Severity.NOT_APPLICABLE, 0, d.title() + ": not applicable",
                "The recording has no " + String.join(", and no ", missing) + " events, so this was not analysed.",
                "", "Record again: " + String.join("; ", how) + ".", Evidence.NONE);
    }

    private static int rank(Severity s) {
        return switch (s) {
            case WARNING -> 0;
            case INFO -> 1;
            case OK -> 2;
            case NOT_APPLICABLE -> 3;
        };
    }
}
