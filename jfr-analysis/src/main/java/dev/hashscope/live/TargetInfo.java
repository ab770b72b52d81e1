package dev.hashscope.live;

/**
 * The JVM at the other end.
 *
 * @param pid            its process id, or -1 when it does not say
 * @param mainClass      the main class or jar (from {@code sun.java.command}), or "" when unknown
 * @param javaVersion    e.g. "17.0.15"
 * @param featureVersion e.g. 17
 * @param vmName         e.g. "OpenJDK 64-Bit Server VM"
 */
public record TargetInfo(long pid, String mainClass, String javaVersion, int featureVersion, String vmName) {
    /** "pid 4242 · com.acme.Main · JDK 17.0.15" */
    public String label() {
        return (pid >= 0 ? "pid " + pid : "remote") + (mainClass.isEmpty() ? "" : " · " + mainClass)
                + " · JDK " + javaVersion;
    }

    /** The feature version in a {@code java.specification.version} ("1.8" → 8, "17" → 17). */
    static int feature(String specVersion) {
        if (specVersion == null) {
            return 0;
        }
        String v = specVersion.startsWith("1.") ? specVersion.substring(2) : specVersion;
        int dot = v.indexOf('.');
        try {
            return Integer.parseInt(dot < 0 ? v : v.substring(0, dot));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The first word of {@code sun.java.command}: the main class, or the jar for {@code -jar}. */
    static String mainClassOf(String command) {
        if (command == null || command.isBlank()) {
            return "";
        }
        String first = command.trim().split("\\s+", 2)[0];
        return first;
    }
}
