package dev.hashscope.app.flametab;

import dev.hashscope.app.Units;
import dev.hashscope.app.analysis.AnalysisSnapshot;
import dev.hashscope.flame.FlameKind;
import dev.hashscope.flame.FlameTree;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** Which call tree the flame tab shows, and the call site it was asked to show. */
public final class FlameTabViewModel {
    /** A request to show a call site; the serial makes asking twice for the same frame a change. */
    public record CallSiteRequest(String frame, long serial) {
    }

    private final ReadOnlyObjectWrapper<FlameKind> kind = new ReadOnlyObjectWrapper<>(this, "kind", FlameKind.CPU);
    private final ReadOnlyObjectWrapper<FlameTree> tree = new ReadOnlyObjectWrapper<>(this, "tree",
            FlameTree.empty(FlameKind.CPU));
    private final ReadOnlyLongWrapper total = new ReadOnlyLongWrapper(this, "total");
    private final ReadOnlyStringWrapper caption = new ReadOnlyStringWrapper(this, "caption", "");
    private final ReadOnlyObjectWrapper<CallSiteRequest> callSite = new ReadOnlyObjectWrapper<>(this, "callSite");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice", "");
    private AnalysisSnapshot snapshot;
    private long serial;
    /** The call site the graph was last moved to, shown again in the next analysis; null once the user changes kind. */
    private String evidenceFrame;

    public ReadOnlyObjectProperty<FlameKind> kindProperty() {
        return kind.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<FlameTree> treeProperty() {
        return tree.getReadOnlyProperty();
    }

    /** The shown tree's total weight (samples, bytes or nanoseconds). */
    public ReadOnlyLongProperty totalProperty() {
        return total.getReadOnlyProperty();
    }

    /** "Lock · 1.23 s blocked in 1,512 events". */
    public ReadOnlyStringProperty captionProperty() {
        return caption.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<CallSiteRequest> callSiteProperty() {
        return callSite.getReadOnlyProperty();
    }

    /** Why a requested call site is not shown ("not in the CPU tree"), or empty. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    /** The user picks a kind: the graph shows that tree whole. */
    public void setKind(FlameKind k) {
        if (k != null && k != kind.get()) {
            kind.set(k);
            evidenceFrame = null;
            notice.set("");
            refresh();
        }
    }

    /** A new analysis (file or filter): the new tree, still at the evidence it was moved to, if any. */
    public void apply(AnalysisSnapshot s) {
        boolean sameFile = snapshot != null && s != null && snapshot.request().file().equals(s.request().file());
        snapshot = s;
        if (!sameFile) {
            evidenceFrame = null;
        }
        refresh();
        if (evidenceFrame != null) {
            callSite.set(new CallSiteRequest(evidenceFrame, ++serial));
        }
    }

    /** Switches to {@code k} and asks the view to show {@code frame} in it. */
    public void showEvidence(FlameKind k, String frame) {
        if (k != null && k != kind.get()) {
            kind.set(k);
            refresh();
        }
        notice.set("");
        evidenceFrame = frame;
        if (frame != null) {
            callSite.set(new CallSiteRequest(frame, ++serial));
        }
    }

    /** The view reports whether it found the requested call site in the tree. */
    public void callSiteShown(CallSiteRequest request, boolean found) {
        if (request != null && request.equals(callSite.get())) {
            notice.set(found ? "" : request.frame() + " is not in the " + Units.kindName(kind.get()).toLowerCase()
                    + " tree under the current filter");
        }
    }

    private void refresh() {
        FlameKind k = kind.get();
        FlameTree t = snapshot == null ? FlameTree.empty(k) : snapshot.tree(k);
        tree.set(t);
        long w = t.total(t.root());
        total.set(w);
        caption.set(describe(k, t));
    }

    static String describe(FlameKind k, FlameTree t) {
        long w = t.total(t.root());
        if (t.eventCount() == 0) {
            return switch (k) {
                case CPU -> "No CPU samples under the current filter";
                case ALLOC -> "No allocation samples under the current filter";
                case LOCK -> "No monitor blocking (jdk.JavaMonitorEnter) under the current filter";
                case PARK -> "No parking (jdk.ThreadPark) under the current filter";
            };
        }
        String events = Units.count(t.eventCount());
        return switch (k) {
            case CPU -> events + " CPU samples";
            case ALLOC -> Units.bytes(w) + " allocated, estimated from " + events + " samples";
            case LOCK -> Units.nanos(w) + " blocked entering monitors, " + events + " events";
            case PARK -> Units.nanos(w) + " parked, " + events + " events";
        };
    }
}
