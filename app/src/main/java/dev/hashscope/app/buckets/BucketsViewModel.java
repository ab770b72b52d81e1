package dev.hashscope.app.buckets;

import dev.hashscope.app.Units;
import dev.hashscope.buckets.BucketHistory;
import dev.hashscope.buckets.BucketHistory.MapSeries;
import dev.hashscope.buckets.BucketMath;
import dev.hashscope.buckets.WhatIf;
import dev.hashscope.event.MapBuckets;
import java.util.Locale;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Buckets tab's state: the probed tables ranked worst first, the selected table, the selected snapshot of
 * it (the latest unless the user picks a moment on the time heatmap) and its what-if. Plain properties, tested
 * without the toolkit.
 */
public final class BucketsViewModel {
    private final ObservableList<MapSeries> maps = FXCollections.observableArrayList();
    private final ObservableList<MapSeries> readOnlyMaps = FXCollections.unmodifiableObservableList(maps);
    private final ReadOnlyObjectWrapper<MapSeries> selected = new ReadOnlyObjectWrapper<>(this, "selected");
    private final ReadOnlyIntegerWrapper snapshotIndex = new ReadOnlyIntegerWrapper(this, "snapshotIndex", -1);
    private final ReadOnlyObjectWrapper<MapBuckets> snapshot = new ReadOnlyObjectWrapper<>(this, "snapshot");
    private final ReadOnlyObjectWrapper<WhatIf> whatIf = new ReadOnlyObjectWrapper<>(this, "whatIf");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyStringWrapper details = new ReadOnlyStringWrapper(this, "details", "");
    private BucketHistory history = BucketHistory.EMPTY;
    private boolean applying;

    public ObservableList<MapSeries> maps() {
        return readOnlyMaps;
    }

    public ReadOnlyObjectProperty<MapSeries> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    /** Index into the selected table's snapshots. */
    public ReadOnlyIntegerProperty snapshotIndexProperty() {
        return snapshotIndex.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<MapBuckets> snapshotProperty() {
        return snapshot.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<WhatIf> whatIfProperty() {
        return whatIf.getReadOnlyProperty();
    }

    /** "3 tables from 24 map-probe snapshots" or why there is nothing. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** The selected snapshot in words: size, capacity, chains, hashes. */
    public ReadOnlyStringProperty detailsProperty() {
        return details.getReadOnlyProperty();
    }

    public BucketHistory history() {
        return history;
    }

    public void apply(BucketHistory h) {
        history = h == null ? BucketHistory.EMPTY : h;
        MapSeries before = selected.get();
        MapSeries keep = before == null ? null : history.maps().stream()
                .filter(s -> s.map().equals(before.map())).findFirst().orElse(null);
        applying = true;
        try {
            maps.setAll(history.maps());
        } finally {
            applying = false;
        }
        long snapshots = history.maps().stream().mapToLong(s -> s.snapshots().size()).sum();
        summary.set(history.isEmpty()
                ? "No bucket distributions: the recording has no hashscope.MapBuckets events. Record with the map"
                + " probe loaded (-javaagent:hashscope-map-probe.jar, see docs/map-probe.md)."
                : Units.count(history.maps().size()) + (history.maps().size() == 1 ? " table" : " tables") + " from "
                + Units.count(snapshots) + " map-probe snapshots, worst distribution first");
        show(keep != null ? keep : history.isEmpty() ? null : history.maps().get(0), -1);
    }

    public void select(MapSeries s) {
        if (!applying && s != selected.get()) {
            show(s, -1);
        }
    }

    /** Shows the selected table at its {@code index}th snapshot (the time heatmap's column). */
    public void selectSnapshot(int index) {
        MapSeries s = selected.get();
        if (s != null && index >= 0 && index < s.snapshots().size()) {
            show(s, index);
        }
    }

    private void show(MapSeries s, int index) {
        selected.set(s);
        if (s == null) {
            snapshotIndex.set(-1);
            snapshot.set(null);
            whatIf.set(null);
            details.set("");
            return;
        }
        int i = index < 0 ? s.snapshots().size() - 1 : index;
        MapBuckets m = s.snapshots().get(i);
        snapshotIndex.set(i);
        snapshot.set(m);
        whatIf.set(WhatIf.of(m));
        details.set(describe(m, history.startNanos()));
    }

    static String describe(MapBuckets m, long startNanos) {
        return String.format(Locale.ROOT, "%s  ·  %s, keys %s  ·  at %s: %s entries in %s buckets (%.2f per bucket),"
                        + " longest chain %s, %s tree bins, %s distinct hashes (%.1f%%), %s of array",
                m.map(), m.kind(), m.keyClass().isEmpty() ? "?" : BucketMath.simpleName(m.keyClass()),
                Units.seconds((m.timeNanos() - startNanos) / 1e9), Units.count(m.size()), Units.count(m.capacity()),
                m.capacityRatio(), Units.count(m.longestChain()), Units.count(m.treeifiedBins()),
                Units.count(m.distinctHashes()), 100 * m.distinctHashRatio(), Units.bytes(m.tableBytes()));
    }
}
