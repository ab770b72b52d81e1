package dev.hashscope.event;

/** The recorded JVM ({@code jdk.JVMInformation}; JDK recordings and async-profiler both write it). */
public record JvmInfo(String jvmName, String jvmVersion, String jvmArguments, String javaArguments,
                      long jvmStartNanos) {
}
