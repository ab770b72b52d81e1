package dev.hashscope.cli;

import dev.hashscope.bench.ReadBenchmark;
import dev.hashscope.event.RecordingFiles;
import dev.hashscope.event.UnreadableRecordingException;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;

/** {@code hashscope bench FILE [--rounds N]}: a benchmark, not a test; prints ratios measured in one run. */
final class BenchCommand {
    private final PrintStream out;

    BenchCommand(PrintStream out, PrintStream err) {
        this.out = out;
    }

    void run(List<String> args) throws UsageException, UnreadableRecordingException, IOException {
        Options o = Options.parse(args, Set.of("--rounds"), Set.of());
        java.nio.file.Path file = Main.singleFile(o, "bench");
        int rounds = o.positiveInt("--rounds", 5);
        // The references read the file directly, so hand every variant the same plain, complete file.
        try (RecordingFiles prepared = RecordingFiles.prepare(file)) {
            new ReadBenchmark(prepared.readable(), rounds, out).run();
        }
    }
}
