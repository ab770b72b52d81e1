package dev.hashscope.app.flame;

import dev.hashscope.flame.FlameTree;
import dev.hashscope.flame.FlameTreeFocus;
import dev.hashscope.flame.HtmlFlameGraph;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.SnapshotParameters;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.image.WritableImage;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import javax.imageio.ImageIO;

/**
 * An interactive flame graph of one {@link FlameTree}, drawn on a canvas: click a frame to zoom to it, hover
 * for its weights, search by name, right-click to copy a stack or focus on a method. Layout, search, colours
 * and labels come from small pure classes; this class wires them to controls and paints. Use it on the FX
 * application thread only.
 */
public final class FlameGraphView extends BorderPane {
    static final double ROW_HEIGHT = 16;
    static final String EMPTY_MESSAGE = "No events of this kind in the recording / filter";
    private static final double TEXT_PAD = 3;
    /** Ancestors of the zoom root are context, not part of the view. */
    private static final double ANCESTOR_ALPHA = 0.55;
    private static final Color MATCH = Color.web("#e535ab");
    private static final Color BACKGROUND = Color.WHITE;
    private static final Color TEXT = Color.BLACK;
    private static final Color HOVER_OUTLINE = Color.web("#222222");
    private static final Color CALL_SITE_OUTLINE = Color.web("#1d4ed8");
    private static final Font FONT = Font.font("Monospaced", 11);

    private final ObjectProperty<FlameTree> tree = new SimpleObjectProperty<>(this, "tree");
    private final StringProperty search = new SimpleStringProperty(this, "search", "");
    private final ReadOnlyIntegerWrapper matchCount = new ReadOnlyIntegerWrapper(this, "matchCount");
    private final ReadOnlyDoubleWrapper matchedShare = new ReadOnlyDoubleWrapper(this, "matchedShare");
    private final ReadOnlyIntegerWrapper zoomNode = new ReadOnlyIntegerWrapper(this, "zoomNode");
    private final BooleanProperty flameOrientation = new SimpleBooleanProperty(this, "flameOrientation");

    private final Canvas canvas = new Canvas();
    private final ScrollBar scrollBar = new ScrollBar();
    private final Label emptyMessage = new Label(EMPTY_MESSAGE);
    private final TextField searchField = new TextField();
    private final Label matchInfo = new Label();
    private final Button resetButton = new Button("Reset zoom");
    private final FlowPane crumbs = new FlowPane();
    private final Label focusInfo = new Label();
    private final HBox focusBar;
    private final Tooltip tip = new Tooltip();
    private final ContextMenu menu = new ContextMenu();
    private final MenuItem copyStackItem = new MenuItem("Copy stack");
    private final MenuItem focusItem = new MenuItem("Focus on this method");
    private final MenuItem backItem = new MenuItem("Back to full tree");
    /** The font is monospaced, so a label's width is its length times this. */
    private final double charWidth;

    private final FlameLayout layout = new FlameLayout();
    private boolean layoutValid;
    /** Scroll to the root's end at the next layout: after a zoom, a new tree or a flip. */
    private boolean scrollToRoot = true;
    /** The tree drawn: {@link #tree}, or the focused tree made from it. */
    private FlameTree shown;
    /** The method the shown tree is focused on, null for the full tree. */
    private String focusedLabel;
    private FlameSearch searchResult;
    private Color[] colors = new Color[0];
    private String[] fittedText = new String[0];
    private int[] fittedChars = new int[0];
    private int hovered = -1;
    private int highlighted = -1;
    private int menuNode = -1;
    /** Per row, the last pixel column a frame thinner than a pixel was painted in during this redraw. */
    private int[] paintedColumn = new int[0];
    private boolean fittingScrollBar;

    public FlameGraphView() {
        getStyleClass().add("flame-graph-view");
        Text probe = new Text("0123456789");
        probe.setFont(FONT);
        charWidth = probe.getLayoutBounds().getWidth() / 10;

        focusBar = new HBox(8, focusInfo, button("Back to full tree", this::clearFocus));
        focusBar.setAlignment(Pos.CENTER_LEFT);
        focusBar.managedProperty().bind(focusBar.visibleProperty());
        focusBar.setVisible(false);
        crumbs.setHgap(2);
        crumbs.setVgap(2);
        crumbs.setAlignment(Pos.CENTER_LEFT);
        crumbs.getStyleClass().add("flame-breadcrumb");
        VBox top = new VBox(6, toolbar(), focusBar, crumbs);
        top.setPadding(new Insets(6, 8, 6, 8));
        top.getStyleClass().add("flame-toolbar");
        setTop(top);
        setCenter(graphArea());

        copyStackItem.setOnAction(e -> copyStack(menuNode));
        focusItem.setOnAction(e -> focusOn(shown.label(menuNode)));
        backItem.setOnAction(e -> clearFocus());
        menu.getItems().addAll(copyStackItem, focusItem, new SeparatorMenuItem(), backItem);
        tip.setWrapText(true);
        tip.setMaxWidth(640);

        tree.addListener((obs, old, t) -> {
            setFocusedLabel(null);
            show(t);
        });
        search.addListener((obs, old, q) -> runSearch());
        flameOrientation.addListener((obs, old, flame) -> {
            layoutValid = false;
            scrollToRoot = true;
            redraw();
        });
        // Esc works wherever the focus is inside the view, the search field included.
        addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE && (zoomNode.get() != 0 || focusedLabel != null)) {
                clearFocus();
                resetZoom();
                canvas.requestFocus();
                e.consume();
            }
        });
        show(null);
    }

    public ObjectProperty<FlameTree> treeProperty() {
        return tree;
    }

    /** The search: a case-insensitive regex, or literal text where it is not a valid regex. */
    public StringProperty searchProperty() {
        return search;
    }

    /** Frames of the shown tree whose name matches the search. */
    public ReadOnlyIntegerProperty matchCountProperty() {
        return matchCount.getReadOnlyProperty();
    }

    /** Weight in matching frames as a share of the zoom root's, from 0 to 1; nested matches count once. */
    public ReadOnlyDoubleProperty matchedShareProperty() {
        return matchedShare.getReadOnlyProperty();
    }

    /** The zoom root's node id in the shown tree; 0 for the whole tree. */
    public ReadOnlyIntegerProperty zoomNodeProperty() {
        return zoomNode.getReadOnlyProperty();
    }

    /** False: icicle, root on top. True: flame, root at the bottom. */
    public BooleanProperty flameOrientationProperty() {
        return flameOrientation;
    }

    /** Zooms to {@code node} of the shown tree, which then spans the full width. */
    public void zoomTo(int node) {
        if (shown == null || node < 0 || node >= shown.nodeCount()) {
            throw new IllegalArgumentException("no node " + node + " in the shown tree");
        }
        applyZoom(node);
    }

    public void resetZoom() {
        if (shown != null) {
            zoomTo(0);
        }
    }

    /**
     * Zooms to the heaviest frame of the method of {@code frame} ("pkg.Class.method:28"; the line is optional
     * and ignored, as frames are merged per method) in the full tree, and outlines it. False when no frame
     * of that method is in the tree.
     */
    public boolean showCallSite(String frame) {
        FlameTree full = tree.get();
        if (full == null) {
            return false;
        }
        String method = FrameLabels.methodOf(frame);
        int best = -1;
        for (int n = 1; n < full.nodeCount(); n++) {
            if (full.label(n).equals(method) && (best < 0 || full.total(n) > full.total(best))) {
                best = n;
            }
        }
        if (best < 0) {
            return false;
        }
        clearFocus();
        highlighted = best;
        zoomTo(best);
        return true;
    }

    public void focusSearchField() {
        searchField.requestFocus();
        searchField.selectAll();
    }

    /** Writes what the canvas shows as a PNG. */
    public void exportPng(Path file) throws IOException {
        if (canvas.getWidth() < 1 || canvas.getHeight() < 1) {
            throw new IOException("the flame graph is not on screen, so there is no picture to export");
        }
        SnapshotParameters params = new SnapshotParameters();
        params.setFill(BACKGROUND);
        WritableImage image = canvas.snapshot(params, null);
        BufferedImage buffered = SwingFXUtils.fromFXImage(image, null);
        try (OutputStream out = Files.newOutputStream(file)) {
            if (!ImageIO.write(buffered, "png", out)) {
                throw new IOException("no PNG writer available");
            }
        }
    }

    /** Writes the shown tree (the focused one while focused) as a self-contained HTML flame graph. */
    public void exportHtml(Path file, String title) throws IOException {
        if (shown == null) {
            throw new IOException("there is no flame graph to export");
        }
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            HtmlFlameGraph.write(shown, title, w);
        }
    }

    // ---- package-private for tests and the benchmark ----

    /** The layout of what is drawn now. */
    FlameLayout frameLayout() {
        ensureLayout();
        return layout;
    }

    Canvas canvas() {
        return canvas;
    }

    FlameTree shownTree() {
        return shown;
    }

    /** Canvas y of content y 0: the scroll position, or the gap that puts a short flame graph at the bottom. */
    double contentOffsetY() {
        ensureLayout();
        double free = canvas.getHeight() - layout.height();
        if (free >= 0) {
            return flameOrientation.get() ? free : 0;
        }
        return -scrollBar.getValue();
    }

    /** Paints the whole canvas from the current layout, search and hover. */
    void redraw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double width = canvas.getWidth();
        double height = canvas.getHeight();
        // An opaque fill over the whole canvas also drops the commands queued since the last frame.
        g.setGlobalAlpha(1);
        g.setFill(BACKGROUND);
        g.fillRect(0, 0, width, height);
        boolean empty = shown == null || shown.total(shown.root()) == 0;
        emptyMessage.setVisible(empty);
        if (empty) {
            return;
        }
        ensureLayout();
        double offset = contentOffsetY();
        g.setFont(FONT);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        if (paintedColumn.length < layout.rowCount()) {
            paintedColumn = new int[layout.rowCount()];
        }
        Arrays.fill(paintedColumn, -1);
        g.setGlobalAlpha(ANCESTOR_ALPHA);
        paintFrames(g, 0, layout.ancestorCount(), offset, height);
        g.setGlobalAlpha(1);
        paintFrames(g, layout.ancestorCount(), layout.size(), offset, height);
        outline(g, highlighted, CALL_SITE_OUTLINE, 2, offset);
        outline(g, hovered, HOVER_OUTLINE, 1, offset);
    }

    private void paintFrames(GraphicsContext g, int from, int to, double offset, double height) {
        for (int i = from; i < to; i++) {
            double y = layout.y(i) + offset;
            if (y + ROW_HEIGHT <= 0 || y >= height) {
                continue;
            }
            int node = layout.node(i);
            double x = layout.x(i);
            double w = layout.width(i);
            if (w < 1) {
                // A frame thinner than a pixel gets one whole pixel column, the first in a column winning:
                // antialiased slivers cost as much to raster as wide frames and only blur into each other.
                int column = (int) x;
                int depth = shown.depth(node);
                if (column > paintedColumn[depth]) {
                    paintedColumn[depth] = column;
                    g.setFill(fill(node));
                    g.fillRect(column, y, 1, ROW_HEIGHT - 1);
                }
                continue;
            }
            g.setFill(fill(node));
            // A 1 px gap separates frames wide enough to spare it.
            g.fillRect(x, y, w >= 3 ? w - 1 : w, ROW_HEIGHT - 1);
            double room = w - 2 * TEXT_PAD;
            String text = fittedLabel(node, room);
            if (text != null) {
                g.setFill(TEXT);
                // maxWidth squeezes rather than overflows should a glyph be wider than the monospace cell.
                g.fillText(text, x + TEXT_PAD, y + ROW_HEIGHT / 2, room);
            }
        }
    }

    // ---- internals ----

    /**
     * Search and view controls, then the colour legend. A wrapping pane whose groups keep their natural
     * width: where the pane is narrow (the app's right-hand side) the legend moves to a second row instead
     * of every label being cut to "Applica…".
     */
    private FlowPane toolbar() {
        searchField.setId("flame-search");
        searchField.setPromptText("Search: regex or text, case-insensitive");
        searchField.setPrefColumnCount(24);
        // Modena hides the prompt of a focused field, and this one often has the focus: keep it readable.
        searchField.setStyle("-fx-prompt-text-fill: #8a8a8a;");
        searchField.textProperty().bindBidirectional(search);
        matchInfo.setId("flame-match-info");
        matchInfo.setTextFill(MATCH.darker());
        matchInfo.setMinWidth(Region.USE_PREF_SIZE);
        resetButton.setOnAction(e -> resetZoom());
        resetButton.setMinWidth(Region.USE_PREF_SIZE);
        CheckBox flip = new CheckBox("Flame (root at bottom)");
        flip.selectedProperty().bindBidirectional(flameOrientation);
        flip.setMinWidth(Region.USE_PREF_SIZE);
        HBox controls = new HBox(10, searchField, resetButton, flip, matchInfo);
        controls.setAlignment(Pos.CENTER_LEFT);
        controls.setMinWidth(Region.USE_PREF_SIZE);
        HBox legend = legend();
        legend.setMinWidth(Region.USE_PREF_SIZE);
        FlowPane bar = new FlowPane(16, 6, controls, legend);
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private HBox legend() {
        HBox legend = new HBox(8);
        legend.setAlignment(Pos.CENTER_LEFT);
        for (FrameCategory c : FrameCategory.values()) {
            legend.getChildren().add(legendKey(rgb(c.legendRgb()), c.displayName()));
        }
        legend.getChildren().add(legendKey(MATCH, "Search match"));
        return legend;
    }

    private static HBox legendKey(Color color, String text) {
        Rectangle swatch = new Rectangle(11, 11, color);
        swatch.setArcWidth(3);
        swatch.setArcHeight(3);
        Label label = new Label(text);
        label.setMinWidth(Region.USE_PREF_SIZE);
        HBox key = new HBox(4, swatch, label);
        key.setAlignment(Pos.CENTER_LEFT);
        return key;
    }

    private StackPane graphArea() {
        Pane host = new Pane(canvas);
        // Small preferred and minimum sizes: the canvas follows the space it is given, never asks for more.
        host.setMinSize(0, 0);
        host.setPrefSize(400, 300);
        canvas.widthProperty().bind(host.widthProperty());
        canvas.heightProperty().bind(host.heightProperty());
        canvas.widthProperty().addListener((obs, old, w) -> {
            layoutValid = false;
            redraw();
        });
        canvas.heightProperty().addListener((obs, old, h) -> {
            updateScrollBar(false);
            redraw();
        });
        canvas.setFocusTraversable(true);
        canvas.addEventHandler(MouseEvent.MOUSE_MOVED, this::hover);
        canvas.addEventHandler(MouseEvent.MOUSE_EXITED, e -> hover(-1, e));
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> canvas.requestFocus());
        canvas.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.isStillSincePress()) {
                int node = hit(e.getX(), e.getY());
                if (node >= 0 && node != zoomNode.get()) {
                    zoomTo(node);
                }
            }
        });
        canvas.addEventHandler(ContextMenuEvent.CONTEXT_MENU_REQUESTED, this::openMenu);
        canvas.addEventHandler(ScrollEvent.SCROLL, e -> {
            if (scrollBar.isVisible()) {
                scrollBar.setValue(clamp(scrollBar.getValue() - e.getDeltaY(), 0, scrollBar.getMax()));
                e.consume();
            }
        });

        scrollBar.setOrientation(Orientation.VERTICAL);
        scrollBar.setUnitIncrement(ROW_HEIGHT);
        scrollBar.managedProperty().bind(scrollBar.visibleProperty());
        scrollBar.setVisible(false);
        scrollBar.valueProperty().addListener((obs, old, v) -> {
            if (!fittingScrollBar) {
                redraw();
            }
        });

        emptyMessage.setId("flame-empty");
        emptyMessage.setMouseTransparent(true);
        BorderPane withScroll = new BorderPane(host);
        withScroll.setRight(scrollBar);
        StackPane area = new StackPane(withScroll, emptyMessage);
        area.setMinSize(0, 0);
        return area;
    }

    /** Shows {@code t} (a new tree, the focused tree or the full one again) from its root. */
    private void show(FlameTree t) {
        shown = t;
        int n = t == null ? 0 : t.nodeCount();
        colors = new Color[n];
        fittedText = new String[n];
        fittedChars = new int[n];
        highlighted = -1;
        menu.hide();
        searchResult = t == null ? null : FlameSearch.run(t, search.get());
        applyZoom(0);
    }

    private void applyZoom(int node) {
        zoomNode.set(node);
        hovered = -1;
        tip.hide();
        layoutValid = false;
        scrollToRoot = true;
        updateMatchInfo();
        updateCrumbs();
        redraw();
    }

    private void runSearch() {
        searchResult = shown == null ? null : FlameSearch.run(shown, search.get());
        updateMatchInfo();
        redraw();
    }

    private void updateMatchInfo() {
        matchCount.set(searchResult == null ? 0 : searchResult.count());
        boolean active = searchResult != null && !search.get().isEmpty();
        int zoom = zoomNode.get();
        double share = active ? searchResult.matchedShare(zoom) : 0;
        matchedShare.set(share);
        if (!active) {
            matchInfo.setText("");
            return;
        }
        int count = searchResult.count();
        String text = count + (count == 1 ? " match, " : " matches, ");
        if (zoom == 0) {
            text += WeightFormat.percent(share, 1) + " of all";
        } else {
            text += WeightFormat.percent(share, 1) + " of zoomed frame ("
                    + WeightFormat.percent(searchResult.matchedShare(0), 1) + " of all)";
        }
        matchInfo.setText(text);
    }

    private void updateCrumbs() {
        crumbs.getChildren().clear();
        resetButton.setDisable(zoomNode.get() == 0);
        if (shown == null) {
            return;
        }
        int zoom = zoomNode.get();
        int[] path = new int[shown.depth(zoom) + 1];
        for (int a = zoom, k = path.length - 1; a >= 0; a = shown.parent(a), k--) {
            path[k] = a;
        }
        for (int k = 0; k < path.length; k++) {
            int node = path[k];
            if (k > 0) {
                crumbs.getChildren().add(new Label("\u203a"));
            }
            String label = FrameLabels.printable(shown.label(node));
            Hyperlink link = new Hyperlink(FrameLabels.shortName(label));
            // Names come from the profiled program: an underscore must stay an underscore.
            link.setMnemonicParsing(false);
            link.setTooltip(new Tooltip(label));
            link.setOnAction(e -> zoomTo(node));
            link.setDisable(node == zoom);
            crumbs.getChildren().add(link);
        }
    }

    private void ensureLayout() {
        if (layoutValid || shown == null) {
            return;
        }
        layout.layout(shown, zoomNode.get(), canvas.getWidth(), ROW_HEIGHT, flameOrientation.get());
        layoutValid = true;
        updateScrollBar(scrollToRoot);
        scrollToRoot = false;
    }

    /** Fits the scroll bar to the content; the root's end stays in view when it was, or when asked to. */
    private void updateScrollBar(boolean toRoot) {
        // Called while painting: the value set here must not start another paint from the listener.
        fittingScrollBar = true;
        try {
            fitScrollBar(toRoot);
        } finally {
            fittingScrollBar = false;
        }
    }

    private void fitScrollBar(boolean toRoot) {
        double excess = layout.height() - canvas.getHeight();
        boolean flame = flameOrientation.get();
        boolean atRoot = flame ? scrollBar.getValue() >= scrollBar.getMax() - 0.5 : scrollBar.getValue() <= 0.5;
        scrollBar.setVisible(excess > 0);
        scrollBar.setMax(Math.max(0, excess));
        scrollBar.setVisibleAmount(Math.max(1, canvas.getHeight()));
        scrollBar.setBlockIncrement(Math.max(ROW_HEIGHT, canvas.getHeight() - ROW_HEIGHT));
        if (toRoot || atRoot) {
            scrollBar.setValue(flame ? scrollBar.getMax() : 0);
        } else {
            scrollBar.setValue(clamp(scrollBar.getValue(), 0, scrollBar.getMax()));
        }
    }

    private int hit(double x, double y) {
        if (shown == null) {
            return -1;
        }
        double offset = contentOffsetY();
        return layout.hitTest(x, y - offset);
    }

    private void hover(MouseEvent e) {
        hover(hit(e.getX(), e.getY()), e);
    }

    private void hover(int node, MouseEvent e) {
        if (node != hovered) {
            hovered = node;
            redraw();
            if (node >= 0) {
                tip.setText(describe(node));
            }
        }
        if (node < 0) {
            tip.hide();
        } else if (!tip.isShowing()) {
            tip.show(canvas, e.getScreenX() + 14, e.getScreenY() + 14);
        } else {
            tip.setAnchorX(e.getScreenX() + 14);
            tip.setAnchorY(e.getScreenY() + 14);
        }
    }

    /** Tooltip text: name, total and self weight, their shares, and what clicking does. */
    private String describe(int node) {
        String unit = shown.kind().unit();
        long all = shown.total(shown.root());
        int zoom = zoomNode.get();
        long total = shown.total(node);
        String totalLine = "Total: " + WeightFormat.format(total, unit) + " (" + WeightFormat.percent(total, all)
                + " of all" + (zoom != 0 && node != zoom && shown.depth(node) > shown.depth(zoom)
                ? ", " + WeightFormat.percent(total, shown.total(zoom)) + " of zoomed frame" : "") + ")";
        String selfLine = "Self: " + WeightFormat.format(shown.self(node), unit) + " ("
                + WeightFormat.percent(shown.self(node), all) + " of all)";
        String kind = node == shown.root() ? "All events"
                : FrameCategory.of(shown.className(node), shown.label(node)).displayName();
        return FrameLabels.printable(shown.label(node)) + "\n" + totalLine + "\n" + selfLine + "\n" + kind
                + (node == zoom ? "" : " \u00b7 click to zoom");
    }

    private void openMenu(ContextMenuEvent e) {
        menuNode = hit(e.getX(), e.getY());
        boolean frame = menuNode > 0;
        copyStackItem.setDisable(!frame);
        focusItem.setDisable(!frame);
        backItem.setDisable(focusedLabel == null);
        tip.hide();
        menu.show(canvas, e.getScreenX(), e.getScreenY());
        e.consume();
    }

    private void copyStack(int node) {
        ClipboardContent content = new ClipboardContent();
        content.putString(String.join("\n", shown.path(node)) + "\n");
        Clipboard.getSystemClipboard().setContent(content);
    }

    /** Shows every path through {@code label} merged under it; built from the full tree, not a focused one. */
    private void focusOn(String label) {
        setFocusedLabel(label);
        show(FlameTreeFocus.focus(tree.get(), label));
    }

    private void clearFocus() {
        if (focusedLabel != null) {
            setFocusedLabel(null);
            show(tree.get());
        }
    }

    private void setFocusedLabel(String label) {
        focusedLabel = label;
        focusBar.setVisible(label != null);
        focusInfo.setText(label == null ? "" : "Focused on " + FrameLabels.printable(label)
                + ": all paths through it, merged");
    }

    private void outline(GraphicsContext g, int node, Color color, double lineWidth, double offset) {
        if (node < 0) {
            return;
        }
        for (int i = 0, n = layout.size(); i < n; i++) {
            if (layout.node(i) == node) {
                double inset = lineWidth / 2;
                g.setStroke(color);
                g.setLineWidth(lineWidth);
                g.strokeRect(layout.x(i) + inset, layout.y(i) + offset + inset,
                        Math.max(1, layout.width(i) - 1 - lineWidth), ROW_HEIGHT - 1 - lineWidth);
                return;
            }
        }
    }

    private Color fill(int node) {
        return searchResult.matches(node) ? MATCH : color(node);
    }

    private Color color(int node) {
        Color c = colors[node];
        if (c == null) {
            String label = shown.label(node);
            c = rgb(FrameCategory.of(shown.className(node), label).rgb(label));
            colors[node] = c;
        }
        return c;
    }

    /** The label that fits {@code room} pixels, remembered per node so that redraws do not rebuild strings. */
    private String fittedLabel(int node, double room) {
        int chars = (int) (room / charWidth);
        if (chars < 3) {
            return null;
        }
        if (fittedChars[node] != chars) {
            fittedText[node] = FrameLabels.fit(FrameLabels.printable(shown.label(node)), chars);
            fittedChars[node] = chars;
        }
        return fittedText[node];
    }

    private static Color rgb(int rgb) {
        return Color.rgb(rgb >> 16 & 0xff, rgb >> 8 & 0xff, rgb & 0xff);
    }

    private static Button button(String text, Runnable action) {
        Button b = new Button(text);
        b.setOnAction(e -> action.run());
        return b;
    }

    private static double clamp(double v, double min, double max) {
        return Math.max(min, Math.min(max, v));
    }
}
