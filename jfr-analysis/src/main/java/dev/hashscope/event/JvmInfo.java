package dev.hashscope.event;

/** The recorded JVM ({@code jdk.JVMInformation}; JDK recordings and async-profiler both write it). */
public record JvmInfo(String jvmName, String jvmVersion, String jvmArguments, String javaArguments,
                      long jvmStartNanos) {
    private static final java.util.regex.Pattern VERSION = java.util.regex.Pattern.compile("\\(([^)]+)\\)");

    /**
     * "JDK 17.0.15+6-Debian-1deb12u1" from HotSpot's "OpenJDK 64-Bit Server VM (17.0.15+6-Debian-1deb12u1) for
     * linux-amd64 JRE (...)", or the whole version string when it has another shape.
     */
    public String shortVersion() {
        if (jvmVersion == null) {
            return "unknown JVM";
        }
        java.util.regex.Matcher m = VERSION.matcher(jvmVersion);
        return m.find() ? "JDK " + m.group(1) : jvmVersion;
    }
}
