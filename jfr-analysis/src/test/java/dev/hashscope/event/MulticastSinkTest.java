package dev.hashscope.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The fan-out hands each event only to the sinks that asked for its kind, and to observers (which ask for none)
 * every event decoded for the others; nested fan-outs behave as one.
 */
class MulticastSinkTest {
    /** Records what it was handed. */
    private static final class Recorder implements EventSink {
        final Set<EventKind> wants;
        final boolean observer;
        final List<String> seen = new ArrayList<>();

        Recorder(boolean observer, EventKind... wants) {
            this.observer = observer;
            this.wants = wants.length == 0 ? EnumSet.noneOf(EventKind.class) : EnumSet.of(wants[0], wants);
        }

        @Override
        public Set<EventKind> kinds() {
            return wants;
        }

        @Override
        public boolean observesAll() {
            return observer;
        }

        @Override
        public void executionSample(ExecutionSample e) {
            seen.add("cpu");
        }

        @Override
        public void allocation(AllocationSample e) {
            seen.add("alloc");
        }

        @Override
        public void gcPause(GcPause e) {
            seen.add("gc");
        }
    }

    private static void feed(EventSink sink) {
        sink.allocation(new AllocationSample(1, 0, 0, 0, 8, AllocationSample.Source.SAMPLED));
        sink.executionSample(new ExecutionSample(2, 0, 0));
        sink.gcPause(new GcPause(3, 1, 1, "G1", "test", 1, 1));
    }

    @Test
    void eachEventGoesToTheSinksOfItsKindAndToObservers() {
        Recorder alloc = new Recorder(false, EventKind.ALLOCATION);
        Recorder cpu = new Recorder(false, EventKind.EXECUTION_SAMPLE);
        Recorder progress = new Recorder(true);
        EventSink all = EventSink.all(progress, EventSink.all(alloc, cpu));

        assertEquals(EnumSet.of(EventKind.ALLOCATION, EventKind.EXECUTION_SAMPLE), all.kinds(),
                "what the reader decodes: the union of what the sinks asked for, nothing for the observer");
        assertTrue(all.observesAll());
        feed(all);

        assertEquals(List.of("alloc"), alloc.seen);
        assertEquals(List.of("cpu"), cpu.seen);
        assertEquals(List.of("alloc", "cpu"), progress.seen, "an observer sees what was decoded for the others");
    }

    @Test
    void withoutObserversNothingIsHandedOutUnasked() {
        Recorder alloc = new Recorder(false, EventKind.ALLOCATION);
        Recorder everything = new Recorder(false, EventKind.values());
        EventSink all = EventSink.all(alloc, everything);
        assertFalse(all.observesAll());
        feed(all);
        assertEquals(List.of("alloc"), alloc.seen);
        assertEquals(List.of("alloc", "cpu", "gc"), everything.seen);
    }
}
