package dev.hashscope.cli;

import dev.hashscope.event.UnreadableRecordingException;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code hashscope} command line. Exit codes: 0 success, 2 usage error, 3 unreadable input, 4 live target
 * unreachable or lost, 1 anything else (a bug: the stack trace is printed).
 */
public final class Main {
    static final int OK = 0, FAILURE = 1, USAGE = 2, UNREADABLE = 3, LIVE = 4;

    static final String USAGE_TEXT = """
            Usage: hashscope COMMAND [OPTIONS]

            Commands:
              analyze FILE      find what makes maps slow: findings ranked by score, with evidence and fixes
                  --json | --markdown          report format (default: text for a terminal)
                  --thread REGEX               only threads whose name matches
                  --from SEC --to SEC          only events starting in this range (seconds from the start)
                  -o OUT                       write to OUT instead of standard output
              summary FILE      JVM, duration, event counts, and which analyses the recording supports
              flame FILE        a call tree as collapsed stacks or a self-contained HTML flame graph
                  --kind cpu|alloc|lock|park   what the tree weighs (default cpu)
                  --thread REGEX               only threads whose name matches
                  --from SEC --to SEC          only events starting in this range (seconds from the start)
                  --format collapsed|html      output format (default collapsed)
                  -o OUT                       write to OUT instead of standard output
              live TARGET       stream a running JVM (pid, JMX service URL or host:port), then report as analyze
                  --duration 30s               how long to stream (s, m, ms); stops early if the target goes
                  --json | --markdown          report format (default: text)
                  -o REC.jfr                   also save what arrived as a recording
                  --report OUT                 write the report to OUT instead of standard output
                  --user NAME [--tls]          JMX authentication (password: $HASHSCOPE_JMX_PASSWORD or a prompt)
                  --list                       list the local JVMs that can be attached to
              bench FILE        time reading + tree building against jdk.jfr.consumer.RecordingFile
                  --rounds N                   measured rounds after one warm-up (default 5)
              help              this text

            Exit codes: 0 success, 2 usage error, 3 unreadable input, 4 live target unreachable or lost.
            """;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs a command; returns the exit code. Output goes to {@code out}, messages to {@code err}. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.print(USAGE_TEXT);
            return USAGE;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try {
            switch (args[0]) {
                case "analyze" -> new AnalyzeCommand(out).run(rest);
                case "summary" -> new SummaryCommand(out, err).run(rest);
                case "flame" -> new FlameCommand(out, err).run(rest);
                case "bench" -> new BenchCommand(out, err).run(rest);
                case "live" -> {
                    return new LiveCommand(out, err).run(rest);
                }
                case "help", "--help", "-h" -> out.print(USAGE_TEXT);
                default -> throw new UsageException("unknown command '" + args[0] + "' (try 'hashscope help')");
            }
            return OK;
        } catch (UsageException e) {
            err.println("hashscope: " + e.getMessage());
            return USAGE;
        } catch (UnreadableRecordingException e) {
            err.println("hashscope: cannot read recording: " + e.getMessage());
            return UNREADABLE;
        } catch (IOException e) {
            err.println("hashscope: " + e.getMessage());
            return FAILURE;
        }
    }

    /** The one recording a command takes. */
    static java.nio.file.Path singleFile(Options o, String command) throws UsageException {
        if (o.positional().size() != 1) {
            throw new UsageException(command + " takes one recording file (got " + o.positional().size() + ")");
        }
        return java.nio.file.Path.of(o.positional().get(0));
    }
}
