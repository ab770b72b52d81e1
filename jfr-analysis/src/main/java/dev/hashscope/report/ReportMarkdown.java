package dev.hashscope.report;

import dev.hashscope.text.Format;

import dev.hashscope.detect.AnalysisResult;
import dev.hashscope.detect.Evidence;
import dev.hashscope.detect.Finding;
import dev.hashscope.detect.Severity;
import dev.hashscope.detect.Unit;

/** The report as Markdown, for pasting into a ticket or a pull request. */
public final class ReportMarkdown {
    private ReportMarkdown() {
    }

    public static String render(AnalysisResult result, String fileName) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Hashscope report: ").append(Markdown.text(fileName)).append("\n\n");
        var l = result.recording().layout();
        sb.append("Recording of ").append(Format.nanos(l.durationNanos())).append(", ")
                .append(l.chunks().size()).append(" chunk(s)");
        if (result.recording().jvm() != null) {
            sb.append(", ").append(Markdown.text(result.recording().jvm().shortVersion()));
        }
        sb.append(".\n\n");
        long shown = result.findings().stream().filter(f -> f.severity().compareTo(Severity.INFO) >= 0).count();
        sb.append(shown == 0 ? "No warnings.\n\n" : "");
        for (Finding f : result.findings()) {
            if (f.severity().compareTo(Severity.INFO) >= 0) {
                finding(sb, f);
            }
        }
        sb.append("## Also checked\n\n");
        for (Finding f : result.findings()) {
            if (f.severity().compareTo(Severity.INFO) < 0) {
                sb.append("- **").append(f.severity()).append("** ").append(Markdown.text(f.title()));
                if (!f.summary().isEmpty()) {
                    sb.append(": ").append(Markdown.text(f.summary()));
                }
                if (f.severity() == Severity.NOT_APPLICABLE) {
                    sb.append(' ').append(Markdown.text(f.fix()));
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    private static void finding(StringBuilder sb, Finding f) {
        sb.append("## ").append(f.severity()).append(" (").append(f.score()).append("): ")
                .append(Markdown.text(f.title())).append("\n\n");
        sb.append(Markdown.text(f.summary())).append("\n\n");
        if (!f.explanation().isEmpty()) {
            sb.append("**Why it hurts.** ").append(Markdown.text(f.explanation())).append("\n\n");
        }
        if (!f.fix().isEmpty()) {
            sb.append("**Fix.** ").append(Markdown.text(f.fix())).append("\n\n");
        }
        Evidence e = f.evidence();
        if (!e.callSites().isEmpty()) {
            sb.append("| call site | map | operation | events | total | p99 | threads | share |\n");
            sb.append("|---|---|---|---:|---:|---:|---:|---:|\n");
            for (Evidence.CallSite c : e.callSites()) {
                sb.append("| ").append(Markdown.code(c.frame(), true))
                        .append(" | ").append(c.mapKind() == null ? "" : Markdown.code(c.mapKind(), true))
                        .append(" | ").append(c.operation() == null ? "" : Markdown.code(c.operation(), true))
                        .append(" | ").append(Format.count(c.count()))
                        .append(" | ").append(weight(c.weight(), c.unit()))
                        .append(" | ").append(c.p99Nanos() == null ? "" : Format.nanos(c.p99Nanos()))
                        .append(" | ").append(c.threads())
                        .append(" | ").append(Format.percent(c.share())).append(" |\n");
            }
            sb.append('\n');
            Evidence.CallSite top = e.callSites().get(0);
            if (!top.stack().isEmpty()) {
                sb.append("Stack at ").append(Markdown.code(top.frame(), false)).append(":\n\n");
                for (String frame : top.stack()) {
                    sb.append("    ").append(Markdown.codeLine(frame)).append('\n');
                }
                sb.append('\n');
            }
        }
        if (!e.monitors().isEmpty()) {
            sb.append("| monitor | address | events | total | max |\n|---|---|---:|---:|---:|\n");
            for (Evidence.Monitor m : e.monitors()) {
                sb.append("| ").append(Markdown.code(m.className(), true)).append(" | `0x")
                        .append(Long.toHexString(m.address())).append("` | ").append(Format.count(m.count()))
                        .append(" | ").append(Format.nanos(m.totalNanos())).append(" | ")
                        .append(Format.nanos(m.maxNanos())).append(" |\n");
            }
            sb.append('\n');
        }
        if (!e.windows().isEmpty()) {
            for (Evidence.TimeWindow w : e.windows()) {
                sb.append("- ").append(Format.seconds(w.startSeconds())).append(" to ")
                        .append(Format.seconds(w.endSeconds())).append(": ").append(Markdown.text(w.label())).append('\n');
            }
            sb.append('\n');
        }
        for (String n : e.notes()) {
            sb.append("> ").append(Markdown.text(n)).append("\n\n");
        }
    }

    static String weight(double w, Unit unit) {
        return switch (unit) {
            case NANOS -> Format.nanos((long) w);
            case BYTES -> Format.bytes((long) w);
            case COUNT -> Format.count((long) w);
            default -> String.format(java.util.Locale.ROOT, "%.3g", w);
        };
    }
}
