package dev.hashscope.cli;

import dev.hashscope.detect.AnalysisResult;
import dev.hashscope.detect.Analyzer;
import dev.hashscope.event.UnreadableRecordingException;
import dev.hashscope.flame.EventFilter;
import dev.hashscope.report.ReportJson;
import dev.hashscope.report.ReportMarkdown;
import dev.hashscope.report.ReportText;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.PatternSyntaxException;

/** {@code hashscope analyze FILE [--json|--markdown] [--from S --to S] [--thread REGEX] [-o OUT]}. */
final class AnalyzeCommand {
    private final PrintStream out;

    AnalyzeCommand(PrintStream out) {
        this.out = out;
    }

    void run(List<String> args) throws UsageException, UnreadableRecordingException, IOException {
        Options o = Options.parse(args, Set.of("--thread", "--from", "--to", "-o"), Set.of("--json", "--markdown"));
        Path file = Main.singleFile(o, "analyze");
        if (o.has("--json") && o.has("--markdown")) {
            throw new UsageException("--json and --markdown exclude each other");
        }
        EventFilter filter;
        try {
            filter = EventFilter.of(o.get("--thread"), o.seconds("--from"), o.seconds("--to"));
        } catch (PatternSyntaxException e) {
            throw new UsageException("--thread is not a valid regular expression: " + e.getDescription());
        } catch (IllegalArgumentException e) {
            throw new UsageException("--from must be before --to");
        }
        AnalysisResult result = Analyzer.standard().analyze(file, filter);
        String name = file.getFileName().toString();
        String report = o.has("--json") ? ReportJson.toJson(result, name)
                : o.has("--markdown") ? ReportMarkdown.render(result, name)
                : ReportText.render(result, name);
        if (o.get("-o") != null) {
            Files.writeString(Path.of(o.get("-o")), report, StandardCharsets.UTF_8);
        } else {
            out.print(report);
            out.flush();
        }
    }
}
