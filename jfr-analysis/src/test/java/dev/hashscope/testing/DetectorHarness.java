package dev.hashscope.testing;

import dev.hashscope.detect.Accumulator;
import dev.hashscope.detect.AnalysisContext;
import dev.hashscope.detect.AnalysisResult;
import dev.hashscope.detect.Analyzer;
import dev.hashscope.detect.Detector;
import dev.hashscope.detect.Finding;
import dev.hashscope.event.FrameType;
import dev.hashscope.event.RecordingLayout;
import dev.hashscope.event.RecordingReader;
import dev.hashscope.event.RecordingSetting;
import dev.hashscope.event.Symbols;
import dev.hashscope.flame.EventFilter;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs detectors in tests: on a committed recording through the real {@link Analyzer}, or on events
 * built in the test through a {@link Synthetic} recording.
 */
public final class DetectorHarness {
    private DetectorHarness() {
    }

    /** All findings of {@code detector} on a recording, ranked, including NOT_APPLICABLE. */
    public static List<Finding> run(Detector detector, Path recording) throws Exception {
        AnalysisResult r = new Analyzer(List.of(detector), RecordingReader.standard()).analyze(recording, EventFilter.ALL);
        return r.findings();
    }

    /**
     * A recording made up in the test: symbols, a layout starting at {@link #START} lasting 60 s, stacks
     * written root-last as in JFR ("java.util.Hashtable.put:479", "demo.Inventory.record:28", ...).
     */
    public static final class Synthetic {
        public static final long START = 1_700_000_000_000_000_000L;
        public final Symbols symbols = new Symbols();
        public final RecordingLayout layout = new RecordingLayout(1000, List.of(
                new RecordingLayout.ChunkHeader(0, 1000, 2, 1, START, 60_000_000_000L, 0, 1_000_000_000L)),
                0, null, false);
        public final AnalysisContext context = new AnalysisContext();

        public Synthetic() {
            context.begin(layout, symbols);
        }

        /** Records a setting, as a jdk.ActiveSetting event would ("jdk.JavaMonitorEnter", "threshold", "20 ms"). */
        public Synthetic setting(String eventType, String name, String value) {
            context.setting(new RecordingSetting(eventType, name, value));
            return this;
        }

        /** Interns a stack; frames top first, each "class.method" or "class.method:line". */
        public int stack(String... topFirst) {
            int[] frames = new int[topFirst.length];
            for (int i = 0; i < topFirst.length; i++) {
                String f = topFirst[i];
                int colon = f.lastIndexOf(':');
                int line = colon > 0 ? Integer.parseInt(f.substring(colon + 1)) : -1;
                String name = colon > 0 ? f.substring(0, colon) : f;
                int dot = name.lastIndexOf('.');
                frames[i] = symbols.frame(symbols.method(name.substring(0, dot), name.substring(dot + 1)), line,
                        FrameType.JIT_COMPILED);
            }
            return symbols.stack(frames, frames.length, false);
        }

        public int thread(String name) {
            return symbols.thread(name.hashCode() & 0x7fffffffL, name);
        }

        public int klass(String name) {
            return symbols.string(name);
        }

        /** Epoch nanoseconds at {@code seconds} after the start. */
        public long at(double seconds) {
            return START + Math.round(seconds * 1e9);
        }

        /** A fresh accumulator of {@code detector} that has seen begin(). */
        public Accumulator accumulator(Detector detector) {
            Accumulator a = detector.newAccumulator(context);
            a.begin(layout, symbols);
            return a;
        }
    }
}
