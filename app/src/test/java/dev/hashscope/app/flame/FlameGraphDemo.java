package dev.hashscope.app.flame;

import dev.hashscope.flame.FlameKind;
import dev.hashscope.flame.FlameTree;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * Opens a window with the flame graph of a recording, to look at it by eye (not a test). Arguments, all
 * optional: recording file name in sample-recordings/recordings, kind (cpu, alloc, lock, park), search
 * text, call site to show ("pkg.Type.method:28"), "flame" for root at the bottom.
 */
public final class FlameGraphDemo {
    private FlameGraphDemo() {
    }

    public static void main(String[] args) throws Exception {
        String recording = args.length > 0 ? args[0] : "chm-poor-hash.jfr";
        FlameKind kind = FlameKind.fromCliName(args.length > 1 ? args[1] : "cpu");
        FlameTree tree = TestTrees.recording(recording, kind);
        Platform.startup(() -> {
            FlameGraphView view = new FlameGraphView();
            view.treeProperty().set(tree);
            if (args.length > 2 && !args[2].isEmpty()) {
                view.searchProperty().set(args[2]);
            }
            if (args.length > 3 && !args[3].isEmpty()) {
                view.showCallSite(args[3]);
            }
            view.flameOrientationProperty().set(args.length > 4 && args[4].equals("flame"));
            Stage stage = new Stage();
            stage.setTitle("Hashscope flame graph: " + recording + " (" + kind.cliName() + ")");
            stage.setScene(new Scene(view, 1580, 960));
            stage.show();
        });
    }
}
