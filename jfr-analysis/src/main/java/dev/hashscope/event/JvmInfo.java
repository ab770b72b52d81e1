package dev.hashscope.event;

/** The recorded JVM ({@code jdk.JVMInformation}); absent from async-profiler recordings. */
public record JvmInfo(String jvmName, String jvmVersion, String jvmArguments, String javaArguments,
                      long jvmStartNanos) {
}
