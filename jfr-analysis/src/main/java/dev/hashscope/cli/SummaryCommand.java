package dev.hashscope.cli;

import dev.hashscope.text.Format;

import dev.hashscope.event.RecordingLayout;
import dev.hashscope.event.RecordingReader;
import dev.hashscope.event.UnreadableRecordingException;
import dev.hashscope.summary.Durations;
import dev.hashscope.summary.RecordingSummarizer;
import dev.hashscope.summary.RecordingSummary;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code hashscope summary FILE}. */
final class SummaryCommand {
    /** Settings worth showing because they decide what the analyses can see. */
    private static final List<String> WATCHED = List.of("jdk.JavaMonitorEnter", "jdk.ThreadPark",
            "jdk.ObjectAllocationSample", "jdk.ExecutionSample");

    private final PrintStream out;
    private final PrintStream err;

    SummaryCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    void run(List<String> args) throws UsageException, UnreadableRecordingException {
        Options o = Options.parse(args, Set.of(), Set.of());
        Path file = Main.singleFile(o, "summary");
        RecordingSummarizer summarizer = new RecordingSummarizer();
        RecordingReader.standard().read(file, summarizer);
        print(file, summarizer.summary());
    }

    private void print(Path file, RecordingSummary s) {
        RecordingLayout l = s.layout();
        out.printf("Recording  %s%n", file);
        out.printf("Format     JFR %s, %d chunk%s, %s%s%n", l.formatVersion(), l.chunks().size(),
                l.chunks().size() == 1 ? "" : "s", Format.bytes(l.fileSize()), l.compressed() ? " (after gunzip)" : "");
        out.printf("Start      %s%n", Instant.ofEpochSecond(0, l.startNanos()));
        out.printf("Duration   %s%n", Format.nanos(l.durationNanos()));
        if (s.jvm() != null) {
            String version = s.jvm().jvmVersion() == null ? "" : s.jvm().jvmVersion();
            String name = s.jvm().jvmName() == null ? "" : s.jvm().jvmName();
            // HotSpot's version string already starts with the VM name.
            out.printf("JVM        %s%n", version.startsWith(name) ? version : (name + " " + version).trim());
            if (s.jvm().jvmArguments() != null && !s.jvm().jvmArguments().isBlank()) {
                out.printf("JVM args   %s%n", s.jvm().jvmArguments());
            }
        } else {
            out.println("JVM        not recorded (no jdk.JVMInformation event)");
        }
        out.printf("Threads    %d seen in samples and lock events%n", s.threadCount());
        if (l.truncated()) {
            out.printf("Truncated  %d bytes after byte %d skipped: %s%n", l.skippedBytes(), l.completeBytes(),
                    l.skipReason());
        }
        if (l.repeatedChunks() > 0) {
            out.printf("Repeated   %d chunk%s the same as an earlier one byte for byte, counted once%n",
                    l.repeatedChunks(), l.repeatedChunks() == 1 ? " is" : "s are");
        }
        out.println();
        out.println("Analyses");
        for (RecordingSummary.Support sup : s.support()) {
            if (sup.events() > 0) {
                out.printf("  %-40s yes  %s%s%n", sup.capability().name(), sup.eventTypes(),
                        thresholdNote(s, sup.capability().events()));
            } else if (sup.supported()) {
                out.printf("  %-40s yes  0 events: %s recorded%s, nothing crossed it%n", sup.capability().name(),
                        String.join(", ", sup.enabledEvents()), thresholdNote(s, sup.enabledEvents()));
            } else {
                out.printf("  %-40s no   needs %s: %s%n", sup.capability().name(),
                        String.join(" or ", sup.capability().events()), sup.capability().howToRecord());
            }
        }
        out.println();
        out.println("Settings");
        boolean any = false;
        for (String type : WATCHED) {
            Map<String, String> set = s.settings().get(type);
            if (set != null && "true".equals(set.get("enabled"))) {
                any = true;
                StringBuilder sb = new StringBuilder();
                set.entrySet().stream().filter(e -> !e.getKey().equals("enabled"))
                        .sorted(Map.Entry.comparingByKey())
                        .forEach(e -> sb.append(' ').append(e.getKey()).append('=').append(e.getValue()));
                out.printf("  %-40s%s%n", type, sb);
            }
        }
        if (!any) {
            out.println("  not recorded (no jdk.ActiveSetting events)");
        }
        out.println();
        out.println("Events");
        s.eventCounts().entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> out.printf("  %-48s %,12d%n", e.getKey(), e.getValue()));
    }

    private static String thresholdNote(RecordingSummary s, List<String> events) {
        for (String type : events) {
            Map<String, String> set = s.settings().get(type);
            Long nanos = set == null ? null : Durations.parseNanos(set.get("threshold"));
            if (nanos != null && nanos > 0) {
                return " (threshold " + set.get("threshold") + ")";
            }
        }
        return "";
    }
}
