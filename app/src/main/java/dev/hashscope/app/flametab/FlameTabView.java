package dev.hashscope.app.flametab;

import dev.hashscope.app.Units;
import dev.hashscope.app.flame.FlameGraphView;
import dev.hashscope.flame.FlameKind;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The flame tab: which tree (CPU, allocation, lock, park) over the flame graph, with what it adds up to. */
public final class FlameTabView extends BorderPane {
    private final FlameGraphView graph = new FlameGraphView();
    private final ToggleGroup kinds = new ToggleGroup();

    public FlameTabView(FlameTabViewModel vm) {
        getStyleClass().add("flame-tab");
        HBox segmented = new HBox();
        segmented.getStyleClass().add("segmented");
        for (FlameKind k : FlameKind.values()) {
            ToggleButton b = new ToggleButton(Units.kindName(k));
            b.setId("kind-" + k.cliName());
            b.setUserData(k);
            b.setToggleGroup(kinds);
            b.setTooltip(new Tooltip(switch (k) {
                case CPU -> "Where the CPU samples were (jdk.ExecutionSample)";
                case ALLOC -> "Where bytes were allocated (allocation samples)";
                case LOCK -> "Where threads blocked entering monitors (jdk.JavaMonitorEnter)";
                case PARK -> "Where threads parked (jdk.ThreadPark)";
            }));
            segmented.getChildren().add(b);
        }
        kinds.selectedToggleProperty().addListener((o, was, t) -> {
            if (t == null) {
                // A segmented control always has one selected: clicking the selected one keeps it.
                kinds.selectToggle(was);
            } else {
                vm.setKind((FlameKind) t.getUserData());
            }
        });
        vm.kindProperty().addListener((o, was, k) -> selectKind(k));
        selectKind(vm.kindProperty().get());

        Label caption = new Label();
        caption.getStyleClass().add("caption");
        caption.textProperty().bind(vm.captionProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(12, segmented, caption, spacer);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 8, 4, 8));
        bar.getStyleClass().add("tab-toolbar");

        Label notice = new Label();
        notice.getStyleClass().add("notice");
        notice.textProperty().bind(vm.noticeProperty());
        notice.visibleProperty().bind(vm.noticeProperty().isNotEmpty());
        notice.managedProperty().bind(notice.visibleProperty());
        notice.setPadding(new Insets(0, 8, 4, 8));

        setTop(new VBox(bar, notice));
        setCenter(graph);
        graph.treeProperty().bind(vm.treeProperty());
        vm.callSiteProperty().addListener((o, was, request) -> {
            if (request != null) {
                vm.callSiteShown(request, graph.showCallSite(request.frame()));
            }
        });
    }

    private void selectKind(FlameKind k) {
        kinds.getToggles().stream().filter(t -> t.getUserData() == k).findFirst().ifPresent(kinds::selectToggle);
    }

    public FlameGraphView graph() {
        return graph;
    }
}
