package dev.hashscope.event;

/** How a frame was executing when the stack was taken, as JFR reports it. */
public enum FrameType {
    INTERPRETED, JIT_COMPILED, INLINED, NATIVE, CPP, KERNEL, UNKNOWN;

    static final FrameType[] VALUES = values();

    /** Maps JFR's frame type names (JDK: "Interpreted", "JIT compiled", "Inlined", "Native"; async-profiler adds "C++", "Kernel"). */
    public static FrameType fromJfr(String name) {
        if (name == null) {
            return UNKNOWN;
        }
        return switch (name) {
            case "Interpreted" -> INTERPRETED;
            case "JIT compiled" -> JIT_COMPILED;
            case "Inlined" -> INLINED;
            case "Native" -> NATIVE;
            case "C++" -> CPP;
            case "Kernel" -> KERNEL;
            default -> UNKNOWN;
        };
    }
}
