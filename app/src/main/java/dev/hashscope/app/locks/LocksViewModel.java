package dev.hashscope.app.locks;

import dev.hashscope.app.Units;
import dev.hashscope.flame.FlameKind;
import dev.hashscope.flame.FlameTree;
import dev.hashscope.locks.LockTable;
import dev.hashscope.locks.LockTable.Row;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The lock table and the flame graph of the selected row's lock class. */
public final class LocksViewModel {
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ObservableList<Row> readOnlyRows = FXCollections.unmodifiableObservableList(rows);
    private final ReadOnlyObjectWrapper<Row> selected = new ReadOnlyObjectWrapper<>(this, "selected");
    private final ReadOnlyObjectWrapper<FlameTree> monitorTree = new ReadOnlyObjectWrapper<>(this, "monitorTree",
            FlameTree.empty(FlameKind.LOCK));
    private final ReadOnlyStringWrapper caption = new ReadOnlyStringWrapper(this, "caption", "");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private LockTable table = LockTable.EMPTY;
    /** True while the rows are replaced: a table view re-selecting meanwhile is not the user's choice. */
    private boolean applying;

    public ObservableList<Row> rows() {
        return readOnlyRows;
    }

    public ReadOnlyObjectProperty<Row> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    /** The lock (or park) tree of the selected row's lock class, all its call sites. */
    public ReadOnlyObjectProperty<FlameTree> monitorTreeProperty() {
        return monitorTree.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty captionProperty() {
        return caption.getReadOnlyProperty();
    }

    /** "1,512 waits on 3 lock classes, 4.1 s in all". */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public void apply(LockTable t) {
        table = t == null ? LockTable.EMPTY : t;
        Row before = selected.get();
        Row keep = before == null ? null : table.rows().stream()
                .filter(r -> r.key().equals(before.key()) && r.callSite().equals(before.callSite()))
                .findFirst().orElse(null);
        applying = true;
        try {
            rows.setAll(table.rows());
        } finally {
            applying = false;
        }
        long classes = table.rows().stream().map(Row::key).distinct().count();
        long waits = table.rows().stream().mapToLong(Row::count).sum();
        summary.set(table.rows().isEmpty() ? "No lock waits under the current filter"
                : Units.count(waits) + " waits on " + classes + (classes == 1 ? " lock class, " : " lock classes, ")
                + Units.nanos(table.totalNanos()) + " in all");
        show(keep != null ? keep : table.rows().isEmpty() ? null : table.rows().get(0));
    }

    public void select(Row r) {
        if (!applying) {
            show(r);
        }
    }

    private void show(Row r) {
        selected.set(r);
        if (r == null) {
            monitorTree.set(FlameTree.empty(FlameKind.LOCK));
            caption.set("Select a row to see where threads waited for that lock");
            return;
        }
        FlameTree t = table.tree(r.key());
        monitorTree.set(t);
        caption.set((r.waitKind() == LockTable.Wait.MONITOR ? "Blocked on " : "Parked on ") + r.monitorClass() + ": "
                + Units.nanos(t.total(t.root())) + " in " + Units.count(t.eventCount()) + " waits, all call sites");
    }
}
