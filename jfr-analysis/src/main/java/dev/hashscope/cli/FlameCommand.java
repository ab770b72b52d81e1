package dev.hashscope.cli;

import dev.hashscope.event.EventSink;
import dev.hashscope.event.ReadStats;
import dev.hashscope.event.RecordingLayout;
import dev.hashscope.event.RecordingReader;
import dev.hashscope.event.UnreadableRecordingException;
import dev.hashscope.flame.CollapsedStacks;
import dev.hashscope.flame.EventFilter;
import dev.hashscope.flame.FlameKind;
import dev.hashscope.flame.FlameTree;
import dev.hashscope.flame.FlameTreeBuilder;
import dev.hashscope.flame.HtmlFlameGraph;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.PatternSyntaxException;

/** {@code hashscope flame FILE --kind K [--thread REGEX] [--from S --to S] [--format F] [-o OUT]}. */
final class FlameCommand {
    private final PrintStream out;
    private final PrintStream err;

    FlameCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    void run(List<String> args) throws UsageException, UnreadableRecordingException, IOException {
        Options o = Options.parse(args, Set.of("--kind", "--thread", "--from", "--to", "--format", "-o"), Set.of());
        Path file = Main.singleFile(o, "flame");
        FlameKind kind;
        try {
            kind = FlameKind.fromCliName(o.get("--kind") == null ? "cpu" : o.get("--kind"));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        String format = o.get("--format") == null ? "collapsed" : o.get("--format");
        if (!format.equals("collapsed") && !format.equals("html")) {
            throw new UsageException("unknown format '" + format + "' (expected collapsed or html)");
        }
        EventFilter filter;
        try {
            filter = EventFilter.of(o.get("--thread"), o.seconds("--from"), o.seconds("--to"));
        } catch (PatternSyntaxException e) {
            throw new UsageException("--thread is not a valid regular expression: " + e.getDescription());
        } catch (IllegalArgumentException e) {
            throw new UsageException("--from must be before --to");
        }

        FlameTreeBuilder builder = new FlameTreeBuilder(filter);
        ReadStats stats = RecordingReader.standard().read(file, EventSink.all(builder));
        FlameTree tree = builder.tree(kind);
        reportGaps(stats, kind, tree);

        String outName = o.get("-o");
        try (Writer w = outName == null
                ? new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8))
                : Files.newBufferedWriter(Path.of(outName), StandardCharsets.UTF_8)) {
            if (format.equals("html")) {
                HtmlFlameGraph.write(tree, file.getFileName() + " (" + kind.cliName() + ")", w);
            } else {
                CollapsedStacks.write(tree, w);
            }
        }
    }

    private void reportGaps(ReadStats stats, FlameKind kind, FlameTree tree) {
        RecordingLayout l = stats.layout();
        if (l.truncated()) {
            err.printf("hashscope: note: analysed %d complete chunk(s); skipped %d bytes after byte %d: %s%n",
                    l.chunks().size(), l.skippedBytes(), l.completeBytes(), l.skipReason());
        }
        if (tree.eventCount() == 0) {
            String needs = switch (kind) {
                case CPU -> "jdk.ExecutionSample";
                case ALLOC -> "jdk.ObjectAllocationSample or jdk.ObjectAllocationInNewTLAB/OutsideTLAB";
                case LOCK -> "jdk.JavaMonitorEnter (record with settings=hashscope.jfc for a 100 us threshold)";
                case PARK -> "jdk.ThreadPark (record with settings=hashscope.jfc for a 100 us threshold)";
            };
            err.printf("hashscope: note: no events for a %s tree in this recording (or filter); it needs %s%n",
                    kind.cliName(), needs);
        }
    }
}
