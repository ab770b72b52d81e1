package dev.hashscope.app;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;

/** A numeric table column: sorts by the number, shows it formatted, right-aligned (style class "numeric"). */
public final class NumberColumn {
    private NumberColumn() {
    }

    public static <S, T extends Number> TableColumn<S, T> of(String name, Function<S, T> value,
                                                             Function<T, String> fmt, double width) {
        TableColumn<S, T> c = new TableColumn<>(name);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(T v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null ? null : fmt.apply(v));
            }
        });
        c.getStyleClass().add("numeric");
        c.setPrefWidth(width);
        c.setMinWidth(width * 0.8);
        return c;
    }
}
