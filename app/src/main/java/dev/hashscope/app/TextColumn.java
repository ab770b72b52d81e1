package dev.hashscope.app;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.Tooltip;

/** A text table column whose cells carry a tooltip about their whole row (the full names a cell cuts short). */
public final class TextColumn {
    private TextColumn() {
    }

    public static <S> TableColumn<S, String> of(String name, Function<S, String> value, Function<S, String> rowTooltip) {
        TableColumn<S, String> c = new TableColumn<>(name);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty ? null : v);
                S row = empty || getTableRow() == null ? null : getTableRow().getItem();
                setTooltip(row == null ? null : new Tooltip(rowTooltip.apply(row)));
            }
        });
        return c;
    }
}
