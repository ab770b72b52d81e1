package dev.hashscope.event;

/**
 * The one error a reader declares: the input cannot be read as a recording. The message is a single
 * line meant for the user ("not a JFR file: ...", "empty file", "truncated at byte N: ..."); control
 * characters in it (a parser's message quoting a damaged name) are escaped, so it stays one line.
 */
public final class UnreadableRecordingException extends Exception {
    public UnreadableRecordingException(String message) {
        super(oneLine(message));
    }

    public UnreadableRecordingException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    /** {@code message} with every control character as {@code \n}, {@code \t} or {@code \}{@code uXXXX}. */
    static String oneLine(String message) {
        if (message == null || message.isBlank()) {
            return "unreadable recording";
        }
        StringBuilder sb = null;
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            boolean control = Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
            if (control && sb == null) {
                sb = new StringBuilder(message.length() + 16).append(message, 0, i);
            }
            if (sb != null) {
                if (!control) {
                    sb.append(c);
                } else if (c == '\n') {
                    sb.append("\\n");
                } else if (c == '\r') {
                    sb.append("\\r");
                } else if (c == '\t') {
                    sb.append("\\t");
                } else {
                    sb.append(String.format("\\u%04x", (int) c));
                }
            }
        }
        return sb == null ? message : sb.toString();
    }
}
