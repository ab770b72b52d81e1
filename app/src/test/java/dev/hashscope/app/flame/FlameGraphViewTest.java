package dev.hashscope.app.flame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hashscope.flame.FlameKind;
import dev.hashscope.flame.FlameTree;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.input.ScrollEvent;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class FlameGraphViewTest {
    private static final String RECORD = "dev.hashscope.samples.Inventory.record";

    /** record is reached from two callers: 3 samples through audit, 7 (2 of them in put) through add. */
    private final FlameTree twoCallers = new TestTrees()
            .add(3, "a.Main.main", "a.Orders.audit", RECORD)
            .add(5, "a.Main.main", "a.Orders.add", RECORD)
            .add(2, "a.Main.main", "a.Orders.add", RECORD, "java.util.HashMap.put")
            .add(10, "a.Main.main", "a.Orders.ship")
            .build(FlameKind.CPU);
    private FlameGraphView view;

    @Start
    void start(Stage stage) {
        view = new FlameGraphView();
        stage.setScene(new Scene(view, 1000, 600));
        stage.show();
    }

    private static <T> T onFx(Callable<T> action) throws Exception {
        return WaitForAsyncUtils.asyncFx(action).get();
    }

    private void show(FxRobot robot, FlameTree tree) {
        robot.interact(() -> view.treeProperty().set(tree));
    }

    /** The screen point at the middle of {@code node}'s frame. */
    private Point2D centreOf(int node) throws Exception {
        return onFx(() -> {
            FlameLayout layout = view.frameLayout();
            for (int i = 0; i < layout.size(); i++) {
                if (layout.node(i) == node) {
                    return view.canvas().localToScreen(layout.x(i) + layout.width(i) / 2,
                            layout.y(i) + view.contentOffsetY() + FlameGraphView.ROW_HEIGHT / 2);
                }
            }
            throw new AssertionError("node " + node + " is not drawn");
        });
    }

    /**
     * Asks for the context menu of {@code node}'s frame the way the platform does. Monocle turns a right
     * click into mouse events only, never into the context-menu request a desktop sends.
     */
    private void openContextMenu(FxRobot robot, int node) throws Exception {
        Point2D screen = centreOf(node);
        robot.interact(() -> {
            // An event made without a source takes x and y as scene coordinates.
            Point2D scene = view.canvas().localToScene(view.canvas().screenToLocal(screen));
            view.canvas().fireEvent(new ContextMenuEvent(ContextMenuEvent.CONTEXT_MENU_REQUESTED, scene.getX(),
                    scene.getY(), screen.getX(), screen.getY(), false, null));
        });
    }

    @Test
    void drawsTheTreeOfARecording(FxRobot robot) throws Exception {
        assertTrue(robot.lookup("#flame-empty").query().isVisible());
        FlameTree tree = TestTrees.recording("chm-poor-hash.jfr", FlameKind.CPU);

        show(robot, tree);

        assertFalse(robot.lookup("#flame-empty").query().isVisible());
        assertTrue(onFx(() -> view.frameLayout().size()) > 10);
        // The root row, away from its label, is painted in the root's colour.
        Color painted = onFx(() -> view.canvas().snapshot(null, null).getPixelReader()
                .getColor((int) (view.canvas().getWidth() / 2), (int) (FlameGraphView.ROW_HEIGHT / 2)));
        int expected = FrameCategory.NATIVE_OR_SYNTHETIC.rgb("all");
        assertEquals(expected >> 16 & 0xff, (int) Math.round(painted.getRed() * 255));
        assertEquals(expected >> 8 & 0xff, (int) Math.round(painted.getGreen() * 255));
        assertEquals(expected & 0xff, (int) Math.round(painted.getBlue() * 255));
    }

    @Test
    void anEmptyTreeShowsAMessage(FxRobot robot) {
        show(robot, FlameTree.empty(FlameKind.LOCK));
        assertTrue(robot.lookup("#flame-empty").query().isVisible());
    }

    @Test
    void typingASearchCountsMatchesAndTheirShare(FxRobot robot) {
        show(robot, twoCallers);

        robot.clickOn("#flame-search").write("inventory.RECORD");
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(2, view.matchCountProperty().get());
        assertEquals(0.5, view.matchedShareProperty().get(), 1e-12);
        assertEquals("2 matches, 50.00% of all", robot.lookup("#flame-match-info").queryLabeled().getText());

        // Not a valid regex: searched as text, which no frame contains.
        robot.write("(");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0, view.matchCountProperty().get());
        assertEquals(0.0, view.matchedShareProperty().get());
    }

    @Test
    void clickingAFrameZoomsAndEscapeResets(FxRobot robot) throws Exception {
        show(robot, twoCallers);
        int add = TestTrees.node(twoCallers, "a.Main.main", "a.Orders.add");

        robot.clickOn(centreOf(add), MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(add, view.zoomNodeProperty().get());
        // The zoom root now spans the canvas.
        assertEquals(onFx(() -> view.canvas().getWidth()), onFx(() -> {
            FlameLayout layout = view.frameLayout();
            return layout.width(layout.ancestorCount());
        }), 1e-9);

        robot.type(KeyCode.ESCAPE);
        assertEquals(0, view.zoomNodeProperty().get());
    }

    @Test
    void showCallSiteZoomsToTheHeaviestFrameOfTheMethod(FxRobot robot) throws Exception {
        show(robot, twoCallers);

        assertTrue(onFx(() -> view.showCallSite(RECORD + ":28")));
        assertEquals(TestTrees.node(twoCallers, "a.Main.main", "a.Orders.add", RECORD), view.zoomNodeProperty().get());

        assertFalse(onFx(() -> view.showCallSite("a.Missing.method:3")));
        assertEquals(TestTrees.node(twoCallers, "a.Main.main", "a.Orders.add", RECORD), view.zoomNodeProperty().get());
    }

    @Test
    void focusingOnAMethodMergesItsCallersUntilEscape(FxRobot robot) throws Exception {
        show(robot, twoCallers);
        int viaAudit = TestTrees.node(twoCallers, "a.Main.main", "a.Orders.audit", RECORD);

        openContextMenu(robot, viaAudit);
        robot.clickOn("Focus on this method");

        FlameTree focused = onFx(view::shownTree);
        assertNotSame(twoCallers, focused);
        assertEquals(10, focused.total(focused.root()));
        assertEquals(RECORD, focused.label(focused.child(focused.root(), 0)));

        robot.clickOn(view.canvas()).type(KeyCode.ESCAPE);
        assertSame(twoCallers, onFx(view::shownTree));
    }

    @Test
    void copiesTheStackOfAFrameOneFramePerLine(FxRobot robot) throws Exception {
        show(robot, twoCallers);
        openContextMenu(robot, TestTrees.node(twoCallers, "a.Main.main", "a.Orders.add", RECORD));
        robot.clickOn("Copy stack");

        assertEquals("a.Main.main\na.Orders.add\n" + RECORD + "\n",
                onFx(() -> Clipboard.getSystemClipboard().getString()));
    }

    @Test
    void flippingPutsTheRootAtTheBottom(FxRobot robot) throws Exception {
        show(robot, twoCallers);
        robot.clickOn("Flame (root at bottom)");

        assertTrue(view.flameOrientationProperty().get());
        Point2D root = centreOf(twoCallers.root());
        Point2D canvasBottom = onFx(() -> view.canvas().localToScreen(0, view.canvas().getHeight()));
        assertEquals(canvasBottom.getY() - FlameGraphView.ROW_HEIGHT / 2, root.getY(), 1e-9);
    }

    @Test
    void aTreeTallerThanTheCanvasScrollsAndOpensWithTheRootInView(FxRobot robot) throws Exception {
        String[] deep = new String[80];
        for (int i = 0; i < deep.length; i++) {
            deep[i] = "a.Deep.f" + i;
        }
        show(robot, new TestTrees().add(1, deep).build(FlameKind.CPU));
        double canvasHeight = onFx(() -> view.canvas().getHeight());
        assertTrue(onFx(() -> view.frameLayout().height()) > canvasHeight);

        for (boolean flame : new boolean[]{false, true}) {
            robot.interact(() -> view.flameOrientationProperty().set(flame));
            // Frame 0 of the layout is the root.
            double rootTop = onFx(() -> view.frameLayout().y(0) + view.contentOffsetY());
            assertTrue(rootTop >= 0 && rootTop + FlameGraphView.ROW_HEIGHT <= canvasHeight, "flame=" + flame);
        }

        // A wheel notch up, as desktops report it (Monocle's robot sends 1 px the other way).
        double before = onFx(view::contentOffsetY);
        robot.interact(() -> view.canvas().fireEvent(new ScrollEvent(ScrollEvent.SCROLL, 0, 0, 0, 0, false, false,
                false, false, false, false, 0, 40, 0, 40, ScrollEvent.HorizontalTextScrollUnits.NONE, 0,
                ScrollEvent.VerticalTextScrollUnits.NONE, 0, 0, null)));
        assertEquals(before + 40, onFx(view::contentOffsetY), 1e-9, "wheel up shows the deep frames above the root");
    }

    @Test
    void exportsTheCanvasAsPng(FxRobot robot, @TempDir Path dir) throws Exception {
        show(robot, twoCallers);
        Path file = dir.resolve("flame.png");

        onFx(() -> {
            view.exportPng(file);
            return null;
        });

        assertTrue(Files.size(file) > 0);
        BufferedImage image = ImageIO.read(file.toFile());
        assertEquals((int) (double) onFx(() -> view.canvas().getWidth()), image.getWidth());
    }
}
