package dev.hashscope.event;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stable names for hidden and anonymous classes. JFR names a lambda's class after its address
 * ({@code Foo$$Lambda$102+0x00007fc3e400bc40.1891502635} on JDK 17, {@code Foo$$Lambda/0x000001000104a000}
 * on JDK 21+, {@code Foo$$Lambda.0x000000008c048000} on JDK 25, {@code Foo$$Lambda$14/1234567} on JDK 11): the same lambda gets another name in every run, so
 * frames would not merge across runs and diffs of two recordings would be noise. The numbering carries no
 * meaning for a user; the enclosing class and the {@code lambda$...} method below it say which lambda it is.
 */
public final class ClassNames {
    private static final Pattern HIDDEN_SUFFIX =
            Pattern.compile("(\\$\\$Lambda|LambdaForm\\$[A-Z]+|\\$\\$InjectedInvoker)(\\$\\d+)?([+/](0x)?[0-9a-fA-F]+|\\.0x[0-9a-fA-F]+)(\\.\\d+)?$");

    private ClassNames() {
    }

    /**
     * {@code Foo$$Lambda$102+0x00007fc3e400bc40.1891502635} becomes {@code Foo$$Lambda}, and JVM array
     * descriptors read as in source: {@code [Ljava.util.HashMap$Node;} becomes {@code java.util.HashMap$Node[]},
     * {@code [J} becomes {@code long[]}. Other names stay.
     */
    public static String normalize(String className) {
        if (className != null && className.startsWith("[")) {
            return arrayName(className);
        }
        if (className == null || className.indexOf('$') < 0) {
            return className;
        }
        Matcher m = HIDDEN_SUFFIX.matcher(className);
        return m.find() ? className.substring(0, m.start()) + m.group(1) : className;
    }

    private static String arrayName(String descriptor) {
        int dims = 0;
        while (dims < descriptor.length() && descriptor.charAt(dims) == '[') {
            dims++;
        }
        String element = descriptor.substring(dims);
        String base = switch (element) {
            case "Z" -> "boolean";
            case "B" -> "byte";
            case "C" -> "char";
            case "S" -> "short";
            case "I" -> "int";
            case "J" -> "long";
            case "F" -> "float";
            case "D" -> "double";
            default -> element.startsWith("L") && element.endsWith(";")
                    ? normalize(element.substring(1, element.length() - 1)) : element;
        };
        return base + "[]".repeat(dims);
    }
}
