package dev.hashscope.summary;

import dev.hashscope.event.EventKind;
import dev.hashscope.event.EventSink;
import dev.hashscope.event.JvmInfo;
import dev.hashscope.event.ReadStats;
import dev.hashscope.event.RecordingLayout;
import dev.hashscope.event.RecordingSetting;
import dev.hashscope.event.Symbols;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;

/** Folds a read into a {@link RecordingSummary}. */
public final class RecordingSummarizer implements EventSink {
    private JvmInfo jvm;
    private Symbols symbols;
    private final Map<String, Map<String, String>> settings = new TreeMap<>();
    private RecordingSummary summary;

    @Override
    public Set<EventKind> kinds() {
        return EnumSet.of(EventKind.JVM_INFO, EventKind.SETTING);
    }

    @Override
    public void begin(RecordingLayout layout, Symbols symbols) {
        this.symbols = symbols;
    }

    @Override
    public void jvmInfo(JvmInfo e) {
        if (jvm == null) {
            jvm = e;
        }
    }

    @Override
    public void setting(RecordingSetting e) {
        if (e.eventType() == null || e.name() == null || e.value() == null) {
            return;
        }
        Map<String, String> forType = settings.computeIfAbsent(e.eventType(), k -> new TreeMap<>());
        forType.merge(e.name(), e.value(), RecordingSummarizer::morePermissive);
    }

    /**
     * Several recordings may run at once; JFR then records the union: enabled if any enables it, the
     * lowest threshold. Other settings keep the value seen last.
     */
    public static String morePermissive(String a, String b) {
        if (isBoolean(a) && isBoolean(b)) {
            return Boolean.toString(a.equals("true") || b.equals("true"));
        }
        Long na = Durations.parseNanos(a);
        Long nb = Durations.parseNanos(b);
        if (na != null && nb != null) {
            return na <= nb ? a : b;
        }
        return b;
    }

    private static boolean isBoolean(String v) {
        return v.equals("true") || v.equals("false");
    }

    @Override
    public void end(ReadStats stats) {
        List<RecordingSummary.Support> support = new ArrayList<>();
        for (Capability c : Capability.ALL) {
            long n = 0;
            StringJoiner types = new StringJoiner(", ");
            List<String> enabled = new ArrayList<>();
            for (String type : c.events()) {
                long count = stats.count(type);
                if (count > 0) {
                    n += count;
                    types.add(count + " " + type);
                }
                Map<String, String> set = settings.get(type);
                if (set != null && "true".equals(set.get("enabled"))) {
                    enabled.add(type);
                }
            }
            support.add(new RecordingSummary.Support(c, n, types.toString(), enabled));
        }
        Map<String, Map<String, String>> frozen = new LinkedHashMap<>();
        settings.forEach((k, v) -> frozen.put(k, Map.copyOf(v)));
        summary = new RecordingSummary(stats.layout(), jvm, new TreeMap<>(stats.eventCounts()), frozen,
                symbols == null ? 0 : symbols.threadCount(), List.copyOf(support));
    }

    /** The summary; available after the read ended. */
    public RecordingSummary summary() {
        if (summary == null) {
            throw new IllegalStateException("the read has not ended");
        }
        return summary;
    }
}
