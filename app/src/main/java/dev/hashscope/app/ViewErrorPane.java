package dev.hashscope.app;

import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;

/** A view with, above it, the message of {@link ViewErrors} for it: shown only while there is one. */
final class ViewErrorPane extends BorderPane {
    private final Label banner = new Label();

    ViewErrorPane(Node view, ObservableStringValue message, String id) {
        setCenter(view);
        banner.setId(id);
        banner.getStyleClass().add("view-error");
        banner.setWrapText(true);
        banner.setMaxWidth(Double.MAX_VALUE);
        banner.setPadding(new Insets(4, 8, 4, 8));
        banner.textProperty().bind(message);
        banner.visibleProperty().bind(banner.textProperty().isNotEmpty());
        banner.managedProperty().bind(banner.visibleProperty());
        setTop(banner);
    }

    Label banner() {
        return banner;
    }
}
