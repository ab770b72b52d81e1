package dev.hashscope.app.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hashscope.app.task.TaskContext;
import dev.hashscope.event.ExecutionSample;
import dev.hashscope.event.RecordingLayout;
import dev.hashscope.event.RecordingLayout.ChunkHeader;
import dev.hashscope.event.Symbols;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

class ProgressSinkTest {
    private static final long S = 1_000_000_000L;
    private final List<Double> reported = new ArrayList<>();
    private boolean cancelled;
    private final TaskContext context = new TaskContext() {
        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public void progress(double fraction) {
            reported.add(fraction);
        }
    };

    private static RecordingLayout layout(ChunkHeader... chunks) {
        return new RecordingLayout(10_000, List.of(chunks), 0, null, false);
    }

    @Test
    void estimatesTheShareOfTheFileFromTheNewestTimestampAndTheChunkSizes() {
        ProgressSink p = new ProgressSink(context, 0, 1);
        // A small first chunk of 10 s and a big second one of 10 s: time is not bytes.
        p.begin(layout(new ChunkHeader(0, 1000, 2, 1, 0, 10 * S, 0, 1),
                new ChunkHeader(1000, 9000, 2, 1, 10 * S, 10 * S, 0, 1)), new Symbols());
        assertEquals(0.05, p.fractionAt(5 * S), 1e-9);
        assertEquals(0.1 + 0.45, p.fractionAt(15 * S), 1e-9);
        assertEquals(1.0, p.fractionAt(99 * S), 1e-9);
        for (int i = 0; i < 2048; i++) {
            p.executionSample(new ExecutionSample(15 * S, 0, -1));
        }
        assertEquals(0.0, reported.get(0));
        assertEquals(0.55, reported.get(reported.size() - 1), 1e-9);
    }

    @Test
    void mapsItsPassOntoItsPartOfTheTask() {
        ProgressSink p = new ProgressSink(context, 0.8, 1);
        p.begin(layout(new ChunkHeader(0, 1000, 2, 1, 0, 10 * S, 0, 1)), new Symbols());
        for (int i = 0; i < 512; i++) {
            p.executionSample(new ExecutionSample(5 * S, 0, -1));
        }
        assertEquals(0.9, reported.get(reported.size() - 1), 1e-9);
    }

    @Test
    void saysUnknownWhenChunksOverlapInTime() {
        ProgressSink p = new ProgressSink(context, 0, 1);
        p.begin(layout(new ChunkHeader(0, 1000, 2, 1, 0, 10 * S, 0, 1),
                new ChunkHeader(1000, 1000, 2, 1, 0, 10 * S, 0, 1)), new Symbols());
        for (int i = 0; i < 2048; i++) {
            p.executionSample(new ExecutionSample(9 * S, 0, -1));
        }
        assertEquals(List.of(-1.0), reported, "concatenated recordings: no misleading 100%");
    }

    /** Hashscope's reader tells its byte position: exact progress, even where time says nothing. */
    @Test
    void followsTheReadersPositionInTheFileWhenItTellsIt() {
        ProgressSink p = new ProgressSink(context, 0, 1);
        // Overlapping in time (concatenated recordings): time-based progress would be unknown.
        p.begin(layout(new ChunkHeader(0, 1000, 2, 1, 0, 10 * S, 0, 1),
                new ChunkHeader(1000, 3000, 2, 1, 0, 10 * S, 0, 1)), new Symbols());
        assertEquals(List.of(-1.0), reported);
        p.position(500);
        p.position(2500);
        for (int i = 0; i < 2048; i++) {
            p.executionSample(new ExecutionSample(9 * S, 0, -1)); // time no longer moves the bar
        }
        p.position(4000);
        assertEquals(List.of(-1.0, 0.125, 0.625, 1.0), reported);
        assertEquals(0.625, p.fractionOfBytes(2500), 1e-9);
    }

    @Test
    void stopsTheReadOnceCancelled() {
        ProgressSink p = new ProgressSink(context, 0, 1);
        p.begin(layout(new ChunkHeader(0, 1000, 2, 1, 0, 10 * S, 0, 1)), new Symbols());
        p.executionSample(new ExecutionSample(S, 0, -1));
        cancelled = true;
        assertThrows(CancellationException.class, () -> p.executionSample(new ExecutionSample(2 * S, 0, -1)));
        assertTrue(reported.size() <= 2);
    }
}
