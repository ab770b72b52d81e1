package dev.hashscope.detect;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An explanation text with named placeholders, "{site} blocked {threads} threads", so that wording lives
 * in one place per detector and every value in it is named. A placeholder without a value is a bug and
 * throws, rather than printing "{site}" to a user.
 */
public final class Template {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z][a-zA-Z0-9]*)}");
    private final String text;

    private Template(String text) {
        this.text = text;
    }

    public static Template of(String text) {
        return new Template(text);
    }

    public String render(Map<String, ?> values) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            if (!values.containsKey(name)) {
                throw new IllegalArgumentException("no value for {" + name + "} in: " + text);
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(String.valueOf(values.get(name))));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    @Override
    public String toString() {
        return text;
    }
}
