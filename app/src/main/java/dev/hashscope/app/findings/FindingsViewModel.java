package dev.hashscope.app.findings;

import dev.hashscope.detect.AnalysisResult;
import dev.hashscope.detect.Finding;
import dev.hashscope.detect.Severity;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The ranked findings of the current analysis and the selected one. Selecting a different finding publishes an
 * {@link EvidenceTarget} for the other views; a new analysis (another filter) keeps the selection on the same
 * finding when it is still there, without moving the other views again.
 */
public final class FindingsViewModel {
    private final ObservableList<Finding> findings = FXCollections.observableArrayList();
    private final ObservableList<Finding> readOnlyFindings = FXCollections.unmodifiableObservableList(findings);
    private final ReadOnlyObjectWrapper<Finding> selected = new ReadOnlyObjectWrapper<>(this, "selected");
    private final ReadOnlyObjectWrapper<EvidenceTarget> navigation = new ReadOnlyObjectWrapper<>(this, "navigation");
    private final ReadOnlyStringWrapper counts = new ReadOnlyStringWrapper(this, "counts", "");
    private boolean applying;

    /** Ranked as the engine ranks them: warnings first, then by score. */
    public ObservableList<Finding> findings() {
        return readOnlyFindings;
    }

    public ReadOnlyObjectProperty<Finding> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    public Finding selected() {
        return selected.get();
    }

    /** The evidence the other views should show; changes when the user picks another finding. */
    public ReadOnlyObjectProperty<EvidenceTarget> navigationProperty() {
        return navigation.getReadOnlyProperty();
    }

    /** "2 warnings · 1 info · 5 OK · 1 not applicable". */
    public ReadOnlyStringProperty countsProperty() {
        return counts.getReadOnlyProperty();
    }

    public void select(Finding f) {
        if (applying) {
            // A list view re-selecting while its items are replaced: not the user's choice.
            return;
        }
        Finding before = selected.get();
        selected.set(f);
        if (f != null && !sameFinding(before, f)) {
            navigation.set(EvidenceTarget.of(f));
        }
    }

    /** Shows a new result; the selection stays on the same finding (detector and title) if it is still there. */
    public void apply(AnalysisResult result) {
        List<Finding> next = result == null ? List.of() : result.findings();
        Finding before = selected.get();
        Finding keep = before == null ? null
                : next.stream().filter(f -> sameFinding(before, f)).findFirst().orElse(null);
        applying = true;
        try {
            findings.setAll(next);
        } finally {
            applying = false;
        }
        selected.set(keep);
        counts.set(describeCounts(next));
        if (keep == null && !next.isEmpty()) {
            select(next.get(0));
        }
    }

    static boolean sameFinding(Finding a, Finding b) {
        return a != null && b != null && a.detector().equals(b.detector()) && Objects.equals(a.title(), b.title());
    }

    private static String describeCounts(List<Finding> list) {
        if (list.isEmpty()) {
            return "no findings";
        }
        StringBuilder sb = new StringBuilder();
        append(sb, list.stream().filter(f -> f.severity() == Severity.WARNING).count(), "warning", "warnings");
        append(sb, list.stream().filter(f -> f.severity() == Severity.INFO).count(), "info", "info");
        append(sb, list.stream().filter(f -> f.severity() == Severity.OK).count(), "OK", "OK");
        append(sb, list.stream().filter(f -> f.severity() == Severity.NOT_APPLICABLE).count(), "not applicable",
                "not applicable");
        return sb.toString();
    }

    private static void append(StringBuilder sb, long n, String one, String many) {
        if (n > 0) {
            if (sb.length() > 0) {
                sb.append(" · ");
            }
            sb.append(n).append(' ').append(n == 1 ? one : many);
        }
    }
}
