package dev.hashscope.detect;

import dev.hashscope.event.EventKind;
import dev.hashscope.event.EventSink;
import dev.hashscope.event.RecordingLayout;
import dev.hashscope.event.RecordingSetting;
import dev.hashscope.event.Symbols;
import dev.hashscope.flame.EventFilter;
import dev.hashscope.mapop.MapKind;
import dev.hashscope.mapop.MapOperation;
import dev.hashscope.mapop.MapOperationClassifier;
import dev.hashscope.summary.Durations;
import dev.hashscope.summary.RecordingSummarizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What all detectors of one run share: the recording's symbols and layout, one map-operation classifier
 * (so each stack is classified once, not once per detector), and the settings the recording was made with.
 * It is itself a sink and must see the events before the detectors do (the {@link Analyzer} arranges that).
 */
public final class AnalysisContext implements EventSink {
    private final EventFilter filter;
    private Symbols symbols = new Symbols();
    private RecordingLayout layout;
    private MapOperationClassifier classifier = new MapOperationClassifier(symbols);
    private final Map<String, Map<String, String>> settings = new HashMap<>();
    /** Per class-name string id: the map kind + 1 (0 = not yet looked at, 1 = no map), so events need no string work. */
    private byte[] mapKindByClass = new byte[0];
    /** async-profiler's {@code lock=N} option (ns), its threshold for monitor and park events; null if absent. */
    private Long asyncProfilerLockNanos;

    /** A context for analysing the whole recording. */
    public AnalysisContext() {
        this(EventFilter.ALL);
    }

    /** A context for analysing what {@code filter} lets through; its time range bounds the analysed span. */
    public AnalysisContext(EventFilter filter) {
        this.filter = filter;
    }

    @Override
    public Set<EventKind> kinds() {
        return EnumSet.of(EventKind.SETTING);
    }

    @Override
    public void begin(RecordingLayout layout, Symbols symbols) {
        this.layout = layout;
        this.symbols = symbols;
        this.classifier = new MapOperationClassifier(symbols);
        this.mapKindByClass = new byte[0];
    }

    @Override
    public void setting(RecordingSetting e) {
        if ("lock".equals(e.name()) && e.value() != null && e.value().matches("\\d+")) {
            asyncProfilerLockNanos = Long.parseLong(e.value());
        }
        if (e.eventType() != null && e.name() != null && e.value() != null) {
            // Overlapping recordings: JFR records the union, as the summary says too.
            Map<String, String> forType = settings.computeIfAbsent(e.eventType(), k -> new HashMap<>());
            // Every chunk repeats the settings: an unchanged value needs no parsing to merge.
            if (!e.value().equals(forType.get(e.name()))) {
                forType.merge(e.name(), e.value(), RecordingSummarizer::morePermissive);
            }
        }
    }

    public Symbols symbols() {
        return symbols;
    }

    public RecordingLayout layout() {
        return layout;
    }

    /** The map operation a stack is in, or null. */
    public MapOperation mapOperation(int stack) {
        return classifier.classify(stack);
    }

    /**
     * {@link MapKind#ofClass} of a class-name string id (an event's monitor or object class), worked out once
     * per id; null for {@link Symbols#NONE} and for classes that are no map.
     */
    public MapKind mapKindOfClass(int classId) {
        if (classId < 0) {
            return null;
        }
        if (classId >= mapKindByClass.length) {
            mapKindByClass = Arrays.copyOf(mapKindByClass, Math.max(classId + 1, Math.max(64, mapKindByClass.length * 2)));
        }
        int k = mapKindByClass[classId];
        if (k == 0) {
            MapKind kind = MapKind.ofClass(symbols.stringAt(classId));
            k = kind == null ? 1 : kind.ordinal() + 2;
            mapKindByClass[classId] = (byte) k;
        }
        return k == 1 ? null : MAP_KINDS[k - 2];
    }

    private static final MapKind[] MAP_KINDS = MapKind.values();

    public MapOperationClassifier classifier() {
        return classifier;
    }

    /**
     * Start of the analysed span, epoch ns: the recording's start, or the filter's "from" when it is later.
     * Rates and shares of time must use the analysed span: a 1 s range of a 60 s recording is 1 s of
     * thread time, not 60.
     */
    public long analysedStartNanos() {
        long start = layout == null ? 0 : layout.startNanos();
        return filter.filtersTime() && filter.fromNanos() > 0 ? start + filter.fromNanos() : start;
    }

    /** End of the analysed span, epoch ns: the recording's end, or the filter's "to" when it is earlier. */
    public long analysedEndNanos() {
        long start = layout == null ? 0 : layout.startNanos();
        long end = layout == null ? 0 : layout.endNanos();
        if (filter.filtersTime() && filter.toNanos() != Long.MAX_VALUE) {
            end = Math.min(end, start + filter.toNanos());
        }
        return Math.max(analysedStartNanos(), end);
    }

    public long analysedDurationNanos() {
        return analysedEndNanos() - analysedStartNanos();
    }

    /** Seconds from the recording's start. */
    public double offsetSeconds(long epochNanos) {
        return layout == null ? 0 : (epochNanos - layout.startNanos()) / 1e9;
    }

    /** A setting value as recorded (e.g. "20 ms"), or null when the recording does not say. */
    public String setting(String eventType, String name) {
        Map<String, String> s = settings.get(eventType);
        return s == null ? null : s.get(name);
    }

    /**
     * The event's threshold in nanoseconds, or null when the recording does not say. JDK recordings carry a
     * "threshold" setting per event type; async-profiler records its {@code lock} option instead, which is
     * the threshold of both its monitor and park events.
     */
    public Long thresholdNanos(String eventType) {
        Long jdk = Durations.parseNanos(setting(eventType, "threshold"));
        if (jdk == null && asyncProfilerLockNanos != null
                && (eventType.equals("jdk.JavaMonitorEnter") || eventType.equals("jdk.ThreadPark"))) {
            return asyncProfilerLockNanos;
        }
        return jdk;
    }

    /**
     * The threshold as the recording states it ("20 ms"), or formatted from async-profiler's {@code lock}
     * option ("10.0 ms"); null when unknown.
     */
    public String thresholdText(String eventType) {
        String stated = setting(eventType, "threshold");
        if (stated != null && Durations.parseNanos(stated) != null) {
            return stated;
        }
        Long nanos = thresholdNanos(eventType);
        return nanos == null ? null : dev.hashscope.text.Format.nanos(nanos);
    }

    /** True when the recording's settings enabled this event type. */
    public boolean enabled(String eventType) {
        return "true".equals(setting(eventType, "enabled"));
    }

    /** {@code com.acme.Inventory.record:28}, or "(unknown)" for {@link Symbols#NONE}. */
    public String frameLabel(int frame) {
        return frame < 0 ? "(unknown)" : symbols.frameLabel(frame);
    }

    /**
     * {@code Inventory.record:28}: the frame without its package, short enough for a title; nested and lambda
     * classes keep their outer class ({@code Outer$Inner.run:3}). "(unknown)" for {@link Symbols#NONE}.
     */
    public String shortFrameLabel(int frame) {
        if (frame < 0) {
            return "(unknown)";
        }
        String cls = symbols.methodClass(symbols.frameMethod(frame));
        return symbols.frameLabel(frame).substring(cls.lastIndexOf('.') + 1);
    }

    /** A stack's frames as labels, top first, at most {@code max}. */
    public List<String> stackLabels(int stack, int max) {
        if (stack < 0) {
            return List.of();
        }
        int[] frames = symbols.stackFrames(stack);
        List<String> out = new ArrayList<>(Math.min(max, frames.length));
        for (int i = 0; i < frames.length && i < max; i++) {
            out.add(symbols.frameLabel(frames[i]));
        }
        return out;
    }

    public String threadName(int thread) {
        return symbols.threadName(thread);
    }
}
