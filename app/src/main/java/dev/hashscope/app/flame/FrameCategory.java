package dev.hashscope.app.flame;

import dev.hashscope.mapop.MapKind;

/**
 * What kind of code a frame runs, which decides its hue. Palette, shading and rules are those of
 * {@link dev.hashscope.flame.HtmlFlameGraph}, so a method has the same colour in the app and in an
 * exported page.
 */
enum FrameCategory {
    APPLICATION("Application", 8, 32, 85, 58, 12),
    JDK("JDK", 70, 40, 45, 52, 14),
    MAP("Map implementation", 178, 32, 62, 46, 14),
    NATIVE_OR_SYNTHETIC("Native / synthetic", 0, 0, 0, 64, 14);

    private final String displayName;
    private final int hue;
    private final int hueRange;
    private final int saturation;
    private final int lightness;
    private final int lightnessRange;

    FrameCategory(String displayName, int hue, int hueRange, int saturation, int lightness, int lightnessRange) {
        this.displayName = displayName;
        this.hue = hue;
        this.hueRange = hueRange;
        this.saturation = saturation;
        this.lightness = lightness;
        this.lightnessRange = lightnessRange;
    }

    /** The category of a frame given its class ("" for native and synthetic frames) and label. */
    static FrameCategory of(String className, String label) {
        if (className.isEmpty() || label.startsWith("[")) {
            return NATIVE_OR_SYNTHETIC;
        }
        if (MapKind.isMapClass(className)) {
            return MAP;
        }
        if (className.startsWith("java.") || className.startsWith("javax.") || className.startsWith("jdk.")
                || className.startsWith("sun.") || className.startsWith("com.sun.")) {
            return JDK;
        }
        return APPLICATION;
    }

    String displayName() {
        return displayName;
    }

    /** The colour of frames named {@code label}, as 0xRRGGBB: stable across zooms, trees and runs. */
    int rgb(String label) {
        return shade(hash(label));
    }

    /** The colour legends show for the category. */
    int legendRgb() {
        return shade(0.5);
    }

    private int shade(double v) {
        return hslToRgb(Math.round(hue + v * hueRange), saturation / 100.0,
                Math.round(lightness + v * lightnessRange) / 100.0);
    }

    /** FNV-1a over UTF-16 units, scaled to [0, 1): the page's hash, so both pick the same shade. */
    static double hash(String s) {
        int h = 0x811c9dc5;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x01000193;
        }
        return (h & 0xffffffffL) / 4294967296.0;
    }

    /** CSS hsl() to 0xRRGGBB; hue in degrees, saturation and lightness in [0, 1]. */
    static int hslToRgb(double hue, double saturation, double lightness) {
        double c = (1 - Math.abs(2 * lightness - 1)) * saturation;
        double h = ((hue % 360) + 360) % 360 / 60;
        double x = c * (1 - Math.abs(h % 2 - 1));
        double r;
        double g;
        double b;
        if (h < 1) {
            r = c; g = x; b = 0;
        } else if (h < 2) {
            r = x; g = c; b = 0;
        } else if (h < 3) {
            r = 0; g = c; b = x;
        } else if (h < 4) {
            r = 0; g = x; b = c;
        } else if (h < 5) {
            r = x; g = 0; b = c;
        } else {
            r = c; g = 0; b = x;
        }
        double m = lightness - c / 2;
        return channel(r + m) << 16 | channel(g + m) << 8 | channel(b + m);
    }

    private static int channel(double v) {
        return (int) Math.round(Math.max(0, Math.min(1, v)) * 255);
    }
}
