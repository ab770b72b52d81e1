package dev.hashscope.report;

/** Escaping for Markdown: names from a recording are data, never markup. */
final class Markdown {
    private Markdown() {
    }

    /** Plain text with every character Markdown or HTML would interpret escaped; line breaks become spaces. */
    static String text(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '\\', '`', '*', '_', '[', ']', '|', '#', '!', '~', '(', ')', '{', '}' -> sb.append('\\').append(c);
                case '\n', '\r', '\u2028', '\u2029' -> sb.append(' ');
                default -> sb.append(Printable.isHidden(c) ? '\uFFFD' : c);
            }
        }
        return sb.toString();
    }

    /** One line of an indented code block: no line breaks or control characters that could end or garble it. */
    static String codeLine(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : (s == null ? "" : s).toCharArray()) {
            sb.append(Printable.isHidden(c) ? '\uFFFD' : c);
        }
        return sb.toString();
    }

    /**
     * An inline code span: backtick fences one longer than the longest backtick run inside, padded when
     * the content touches a backtick. Inside tables, '|' must still be escaped (GFM splits cells first).
     */
    static String code(String s, boolean inTable) {
        String content = codeLine(s);
        if (inTable) {
            content = content.replace("|", "\\|");
        }
        int longest = 0;
        int run = 0;
        for (char c : content.toCharArray()) {
            run = c == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(longest + 1);
        boolean pad = content.startsWith("`") || content.endsWith("`");
        return fence + (pad ? " " : "") + content + (pad ? " " : "") + fence;
    }
}
