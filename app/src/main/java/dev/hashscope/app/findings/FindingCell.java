package dev.hashscope.app.findings;

import dev.hashscope.detect.Finding;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** One finding in the ranked list: severity pill with the score, title, detector and summary's first words. */
final class FindingCell extends ListCell<Finding> {
    private final Label badge = new Label();
    private final Label title = new Label();
    private final Label sub = new Label();
    private final HBox box;

    FindingCell() {
        title.getStyleClass().add("finding-title");
        sub.getStyleClass().add("finding-sub");
        badge.setMinWidth(54);
        badge.setAlignment(Pos.CENTER);
        VBox text = new VBox(1, title, sub);
        HBox.setHgrow(text, Priority.ALWAYS);
        text.setMinWidth(0);
        box = new HBox(8, badge, text);
        box.setAlignment(Pos.CENTER_LEFT);
        getStyleClass().add("finding-cell");
        setPrefWidth(0);
    }

    @Override
    protected void updateItem(Finding f, boolean empty) {
        super.updateItem(f, empty);
        if (empty || f == null) {
            setGraphic(null);
            setText(null);
            getStyleClass().removeAll("finding-quiet");
            return;
        }
        SeverityBadge.update(badge, f);
        title.setText(f.title());
        sub.setText(f.detector() + (f.summary().isEmpty() ? "" : " · " + firstSentence(f.summary())));
        boolean quiet = switch (f.severity()) {
            case OK, NOT_APPLICABLE -> true;
            default -> false;
        };
        getStyleClass().removeAll("finding-quiet");
        if (quiet) {
            getStyleClass().add("finding-quiet");
        }
        setText(null);
        setGraphic(box);
    }

    static String firstSentence(String s) {
        int dot = s.indexOf(". ");
        String first = dot > 0 ? s.substring(0, dot + 1) : s;
        return first.length() > 160 ? first.substring(0, 157) + "…" : first;
    }
}
