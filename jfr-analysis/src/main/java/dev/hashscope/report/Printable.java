package dev.hashscope.report;

/**
 * Characters that must not reach a reader as they are: control characters (a newline inside a frame name makes a
 * fake line; ESC drives the terminal), line and paragraph separators, and the bidirectional overrides and isolates
 * that make text display in another order than it reads ("Trojan Source"). Names come from the recording, so any
 * of them can be there.
 */
final class Printable {
    private Printable() {
    }

    static boolean isHidden(char c) {
        return Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c == '\u061c' || c == '\u200e'
                || c == '\u200f' || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
    }

    /** {@code s} on one line: line breaks become spaces, other hidden characters U+FFFD. */
    static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (isHidden(c) && sb == null) {
                sb = new StringBuilder(s.length()).append(s, 0, i);
            }
            if (sb != null) {
                sb.append(!isHidden(c) ? c : c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029' ? ' ' : '\uFFFD');
            }
        }
        return sb == null ? s : sb.toString();
    }
}
