package dev.hashscope.app;

import java.util.EnumMap;
import java.util.Map;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Applies a result to each view on its own: when one view's update throws (data it did not expect, a bug), that
 * view says so and the others still show the new result, so the window never shows a mix of two analyses without
 * saying where, and one view cannot take the others down. Needs no FX toolkit.
 */
public final class ViewErrors {
    private static final System.Logger LOG = System.getLogger(ViewErrors.class.getName());

    /** The views a result is applied to. */
    public enum View {
        FINDINGS("Findings"), FLAME("Flame graph"), LOCKS("Locks"), TIMELINE("Timeline"), BUCKETS("Buckets");

        private final String title;

        View(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    private final Map<View, ReadOnlyStringWrapper> messages = new EnumMap<>(View.class);

    ViewErrors() {
        for (View v : View.values()) {
            messages.put(v, new ReadOnlyStringWrapper(this, v.name(), ""));
        }
    }

    /** Runs {@code update}; clears the view's message when it succeeds, sets it when it throws. */
    void apply(View view, Runnable update) {
        try {
            update.run();
            messages.get(view).set("");
        } catch (RuntimeException | StackOverflowError e) {
            LOG.log(System.Logger.Level.ERROR, view.title() + " could not show the analysis", e);
            String detail = e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getClass().getSimpleName() + ": " + e.getMessage();
            messages.get(view).set(view.title() + " could not show this analysis (" + detail.lines().findFirst()
                    .orElse("") + "). The other views show it; this one may show the previous one.");
        }
    }

    /** Why {@code view} could not show the current analysis; empty while it shows it. */
    public ReadOnlyStringProperty messageProperty(View view) {
        return messages.get(view).getReadOnlyProperty();
    }
}
