package dev.hashscope.app.findings;

import dev.hashscope.detect.Finding;
import dev.hashscope.detect.Severity;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;

/** A coloured pill with the score (or OK / N/A), styled per severity, so the ranking is readable at a glance. */
final class SeverityBadge {
    private SeverityBadge() {
    }

    static Label of(Finding f) {
        Label l = new Label();
        update(l, f);
        return l;
    }

    static void update(Label l, Finding f) {
        l.getStyleClass().setAll("severity-badge", styleClass(f.severity()));
        l.setText(switch (f.severity()) {
            case WARNING -> "\u25B2 " + f.score();
            case INFO -> "\u25CF " + f.score();
            case OK -> "\u2713 OK";
            case NOT_APPLICABLE -> "N/A";
        });
        l.setTooltip(new Tooltip(label(f.severity()) + (f.severity() == Severity.WARNING
                || f.severity() == Severity.INFO ? ", score " + f.score() + " of 100" : "")));
    }

    static String styleClass(Severity s) {
        return switch (s) {
            case WARNING -> "severity-warning";
            case INFO -> "severity-info";
            case OK -> "severity-ok";
            case NOT_APPLICABLE -> "severity-na";
        };
    }

    static String label(Severity s) {
        return switch (s) {
            case WARNING -> "Warning";
            case INFO -> "Info";
            case OK -> "OK";
            case NOT_APPLICABLE -> "Not applicable";
        };
    }
}
