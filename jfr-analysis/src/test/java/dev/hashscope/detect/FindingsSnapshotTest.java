package dev.hashscope.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hashscope.event.AllocationSample;
import dev.hashscope.event.EventKind;
import dev.hashscope.event.EventSink;
import dev.hashscope.event.ExecutionSample;
import dev.hashscope.event.GcPause;
import dev.hashscope.event.GcPhasePause;
import dev.hashscope.event.MonitorBlocked;
import dev.hashscope.event.MonitorWait;
import dev.hashscope.event.RecordingReader;
import dev.hashscope.event.ThreadPark;
import dev.hashscope.testing.Recordings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Live views ask an accumulator for its findings again and again while events keep arriving, so
 * {@link Accumulator#findings()} must leave the accumulator as it was: the findings at the end of a read are
 * the same whether or not snapshots were taken along the way, and asking twice gives the same answer.
 */
class FindingsSnapshotTest {
    static Stream<Path> samples() throws Exception {
        return Recordings.samples().stream();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void snapshotsDuringTheReadDoNotChangeTheFindings(Path recording) throws Exception {
        List<List<Finding>> untouched = read(recording, 0);
        List<List<Finding>> snapshotted = read(recording, 97);
        assertEquals(untouched, snapshotted);
        assertTrue(untouched.stream().anyMatch(f -> !f.isEmpty()), "the detectors found nothing to compare");
    }

    /** Every detector's findings after reading {@code recording}; with snapshots every {@code every} events if > 0. */
    private static List<List<Finding>> read(Path recording, int every) throws Exception {
        AnalysisContext context = new AnalysisContext();
        List<Accumulator> accumulators = new ArrayList<>();
        for (Detector d : Analyzer.loadDetectors()) {
            accumulators.add(d.newAccumulator(context));
        }
        List<EventSink> sinks = new ArrayList<>();
        sinks.add(context);
        sinks.addAll(accumulators);
        if (every > 0) {
            sinks.add(new Snapshots(accumulators, every));
        }
        RecordingReader.standard().read(recording, EventSink.all(sinks.toArray(EventSink[]::new)));
        List<List<Finding>> out = new ArrayList<>();
        for (Accumulator a : accumulators) {
            List<Finding> first = a.findings();
            assertEquals(first, a.findings(), "asking twice gives the same findings");
            out.add(first);
        }
        return out;
    }

    /** Asks every accumulator for its findings every {@code every} events, as a live view would. */
    private static final class Snapshots implements EventSink {
        private final List<Accumulator> accumulators;
        private final int every;
        private long events;

        Snapshots(List<Accumulator> accumulators, int every) {
            this.accumulators = accumulators;
            this.every = every;
        }

        @Override
        public Set<EventKind> kinds() {
            return EnumSet.noneOf(EventKind.class); // sees what the detectors asked for
        }

        private void tick() {
            if (++events % every == 0) {
                for (Accumulator a : accumulators) {
                    a.findings();
                }
            }
        }

        @Override
        public void executionSample(ExecutionSample e) {
            tick();
        }

        @Override
        public void monitorBlocked(MonitorBlocked e) {
            tick();
        }

        @Override
        public void monitorWait(MonitorWait e) {
            tick();
        }

        @Override
        public void threadPark(ThreadPark e) {
            tick();
        }

        @Override
        public void allocation(AllocationSample e) {
            tick();
        }

        @Override
        public void gcPause(GcPause e) {
            tick();
        }

        @Override
        public void gcPhasePause(GcPhasePause e) {
            tick();
        }
    }
}
