package dev.hashscope.app;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.InvalidationListener;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;

/**
 * Keeps the columns of a table with a constrained resize policy at least as wide as their header and their
 * values (up to a limit) wherever the table has room for that, so that the policy does not cut a call site to
 * "Inventory.r…" or a time to "25…" while other columns have space to spare. Only the flexible columns may
 * then be cut. A table too narrow even for that shares its width as its policy does without this. Text
 * values are measured; a column of other values (formatted by its cell factory) keeps its own minimum width.
 */
public final class ColumnFit {
    static final double MAX_COLUMN = 320;
    static final double FLEXIBLE_MIN = 60;
    /** Cell and header padding (Modena) around the text. */
    private static final double PADDING = 16;

    private ColumnFit() {
    }

    /**
     * @param fontSize the table's font size in pixels (its CSS), to measure the text with
     * @param flexible columns that may be cut to make room for the others
     */
    @SafeVarargs
    public static <S> void install(TableView<S> table, double fontSize, TableColumn<S, ?>... flexible) {
        Font cell = Font.font(fontSize);
        Font header = Font.font(Font.getDefault().getFamily(), FontWeight.BOLD, fontSize);
        List<TableColumn<S, ?>> flex = List.of(flexible);
        Map<TableColumn<S, ?>, Double> narrow = new HashMap<>();
        for (TableColumn<S, ?> c : table.getColumns()) {
            narrow.put(c, c.getMinWidth());
        }
        Map<TableColumn<S, ?>, Double> fitted = new HashMap<>();
        double[] needed = new double[1];
        Runnable apply = () -> {
            boolean room = table.getWidth() >= needed[0];
            for (TableColumn<S, ?> c : table.getColumns()) {
                c.setMinWidth(room ? fitted.get(c) : narrow.get(c));
            }
        };
        Runnable measure = () -> {
            needed[0] = 2;
            for (TableColumn<S, ?> c : table.getColumns()) {
                double w;
                if (flex.contains(c)) {
                    w = Math.max(narrow.get(c), FLEXIBLE_MIN);
                } else {
                    w = Math.max(narrow.get(c), width(c.getText(), header));
                    for (S item : table.getItems()) {
                        ObservableValue<?> v = c.getCellObservableValue(item);
                        if (v != null && v.getValue() instanceof String text) {
                            w = Math.max(w, width(text, cell));
                        }
                    }
                    w = Math.ceil(Math.min(w, MAX_COLUMN));
                }
                fitted.put(c, w);
                needed[0] += w;
            }
            apply.run();
        };
        table.widthProperty().addListener(o -> apply.run());
        table.getItems().addListener((InvalidationListener) o -> measure.run());
        measure.run();
    }

    private static double width(String s, Font font) {
        Text text = new Text(s);
        text.setFont(font);
        return text.getLayoutBounds().getWidth() + PADDING;
    }
}
