package dev.hashscope.app.buckets;

import javafx.scene.paint.Color;

/**
 * Colours for chain lengths, shared by the bucket grid and its legend: empty buckets pale grey, one entry green
 * (what a good table mostly has), then yellow through orange to dark red at 8+ (a tree bin's size).
 */
final class ChainColors {
    static final Color EMPTY = Color.web("#f1f3f5");
    private static final Color[] BY_LENGTH = {EMPTY, Color.web("#8ce99a"), Color.web("#ffe066"),
        Color.web("#ffc078"), Color.web("#ff922b"), Color.web("#f76707"), Color.web("#e8590c"), Color.web("#d9480f"),
        Color.web("#a61e4d")};
    static final Color TREE_MARK = Color.web("#212529");

    private ChainColors() {
    }

    static Color of(int length) {
        return BY_LENGTH[Math.min(Math.max(length, 0), BY_LENGTH.length - 1)];
    }

    static String label(int length) {
        return length >= BY_LENGTH.length - 1 ? (BY_LENGTH.length - 1) + "+" : Integer.toString(length);
    }

    static int levels() {
        return BY_LENGTH.length;
    }

    /** Heat for a count on a log scale to {@code max}: white at 0, dark blue at max. */
    static Color heat(long count, long max) {
        if (count <= 0 || max <= 0) {
            return Color.WHITE;
        }
        double t = Math.log1p(count) / Math.log1p(max);
        return Color.web("#e7f5ff").interpolate(Color.web("#1864ab"), Math.min(1, t));
    }
}
