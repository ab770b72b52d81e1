package dev.hashscope.app.flame;

/** Frame names as drawn inside frames of a given width. */
final class FrameLabels {
    static final char ELLIPSIS = '\u2026';

    private FrameLabels() {
    }

    /**
     * {@code HashMap.resize} for {@code java.util.HashMap.resize}: when the full name does not fit, the class
     * and method say more than the start of the package.
     */
    static String shortName(String label) {
        int method = label.lastIndexOf('.');
        int type = method > 0 ? label.lastIndexOf('.', method - 1) : -1;
        return type < 0 ? label : label.substring(type + 1);
    }

    /**
     * The longest of the full name, the short name, or the short name cut and ended with an ellipsis that
     * has at most {@code maxChars} characters; null when fewer than 3 fit, as a sliver of name only adds noise.
     */
    static String fit(String label, int maxChars) {
        if (maxChars < 3) {
            return null;
        }
        if (label.length() <= maxChars) {
            return label;
        }
        String shortName = shortName(label);
        if (shortName.length() <= maxChars) {
            return shortName;
        }
        int cut = maxChars - 1;
        // Never split a surrogate pair: half a character draws as a box.
        if (Character.isHighSurrogate(shortName.charAt(cut - 1))) {
            cut--;
        }
        return shortName.substring(0, cut) + ELLIPSIS;
    }

    /**
     * The name with control characters (line breaks, tabs, escapes) replaced by U+FFFD: a name is shown as
     * written, one line per frame, and nothing in it is interpreted.
     */
    static String printable(String label) {
        StringBuilder sb = null;
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            if (Character.isISOControl(c)) {
                if (sb == null) {
                    sb = new StringBuilder(label);
                }
                sb.setCharAt(i, '\uFFFD');
            }
        }
        return sb == null ? label : sb.toString();
    }

    /**
     * The method of a call site as frames are labelled: {@code pkg.Type.method} for {@code pkg.Type.method:28}.
     * Frames are merged per method, so the line cannot select one.
     */
    static String methodOf(String callSite) {
        int colon = callSite.lastIndexOf(':');
        if (colon < 0 || colon == callSite.length() - 1) {
            return callSite;
        }
        for (int i = colon + 1; i < callSite.length(); i++) {
            if (!Character.isDigit(callSite.charAt(i))) {
                return callSite;
            }
        }
        return callSite.substring(0, colon);
    }
}
