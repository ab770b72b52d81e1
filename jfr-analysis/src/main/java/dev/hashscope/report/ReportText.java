package dev.hashscope.report;

import dev.hashscope.text.Format;

import dev.hashscope.detect.AnalysisResult;
import dev.hashscope.detect.Evidence;
import dev.hashscope.detect.Finding;
import dev.hashscope.detect.Severity;

/** The report for a terminal: ranked, warnings in full, the rest one line each. */
public final class ReportText {
    private ReportText() {
    }

    public static String render(AnalysisResult result, String fileName) {
        StringBuilder sb = new StringBuilder();
        var l = result.recording().layout();
        sb.append(Printable.oneLine(fileName)).append(": ").append(Format.nanos(l.durationNanos())).append(" recorded");
        if (result.recording().jvm() != null) {
            sb.append(" on ").append(result.recording().jvm().shortVersion());
        }
        sb.append("\n");
        if (l.truncated()) {
            sb.append("note: skipped ").append(l.skippedBytes()).append(" bytes after byte ").append(l.completeBytes())
                    .append(": ").append(Printable.oneLine(l.skipReason())).append('\n');
        }
        if (l.repeatedChunks() > 0) {
            sb.append("note: ").append(l.repeatedChunks()).append(" chunk(s) repeat an earlier chunk byte for byte;"
                    + " their events are counted once\n");
        }
        sb.append('\n');
        for (Finding f : result.findings()) {
            if (f.severity().compareTo(Severity.INFO) >= 0) {
                sb.append(String.format("%-7s %3d  %s%n", f.severity(), f.score(), Printable.oneLine(f.title())));
                indent(sb, f.summary());
                if (!f.explanation().isEmpty()) {
                    indent(sb, "Why: " + f.explanation());
                }
                if (!f.fix().isEmpty()) {
                    indent(sb, "Fix: " + f.fix());
                }
                for (Evidence.CallSite c : f.evidence().callSites().stream().limit(3).toList()) {
                    indent(sb, "at " + c.frame() + "  " + Format.count(c.count()) + " events, "
                            + ReportMarkdown.weight(c.weight(), c.unit()) + ", " + Format.percent(c.share()));
                }
                for (String n : f.evidence().notes()) {
                    indent(sb, "Note: " + n);
                }
                sb.append('\n');
            }
        }
        for (Finding f : result.findings()) {
            if (f.severity().compareTo(Severity.INFO) < 0) {
                sb.append(String.format("%-7s      %s%s%n", f.severity() == Severity.NOT_APPLICABLE ? "N/A" : "OK",
                        Printable.oneLine(f.title()), f.summary().isEmpty() ? "" : ": " + Printable.oneLine(f.summary())));
            }
        }
        return sb.toString();
    }

    private static void indent(StringBuilder sb, String text) {
        if (text == null || text.isEmpty()) {
            return;
        }
        text = Printable.oneLine(text);
        // Wrap at ~110 columns so a terminal shows paragraphs, not one endless line.
        StringBuilder line = new StringBuilder("             ");
        for (String word : text.split(" ")) {
            if (line.length() + word.length() > 110 && line.length() > 13) {
                sb.append(line).append('\n');
                line = new StringBuilder("             ");
            }
            line.append(word).append(' ');
        }
        sb.append(line.toString().stripTrailing()).append('\n');
    }
}
