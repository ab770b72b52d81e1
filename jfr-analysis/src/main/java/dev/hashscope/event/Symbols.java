package dev.hashscope.event;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Interned names, methods, frames, stacks and threads of one recording.
 *
 * <p>Events refer to these by small ints so that a stack seen a million times is stored once and
 * aggregators can key on ints. Written by the reader (one thread), read by consumers after an event
 * has been delivered; ids are dense and start at 0, which lets aggregators use plain arrays.
 */
public final class Symbols {
    /** Id used where an event has no stack trace. */
    public static final int NO_STACK = -1;
    /** Id used where an event has no thread (or no class, owner, ...). */
    public static final int NONE = -1;

    private final Map<String, Integer> stringIds = new HashMap<>();
    private final List<String> strings = new ArrayList<>();

    private final Map<Long, Integer> methodIds = new HashMap<>();
    private int[] methodClass = new int[256];
    private int[] methodName = new int[256];
    private int methodCount;

    private final Map<FrameKey, Integer> frameIds = new HashMap<>();
    private int[] frameMethod = new int[256];
    private int[] frameLine = new int[256];
    private byte[] frameType = new byte[256];
    private int frameCount;

    private final Map<StackKey, Integer> stackIds = new HashMap<>();
    private final List<int[]> stacks = new ArrayList<>();
    private final List<Boolean> stackTruncated = new ArrayList<>();

    private final Map<Long, Integer> threadIds = new HashMap<>();
    private final List<String> threadNames = new ArrayList<>();
    private final List<Long> threadJavaIds = new ArrayList<>();

    // ---- strings ----

    public int string(String s) {
        if (s == null) {
            return NONE;
        }
        Integer id = stringIds.get(s);
        if (id == null) {
            id = strings.size();
            strings.add(s);
            stringIds.put(s, id);
        }
        return id;
    }

    /** The string for an id from {@link #string}, or {@code null} for {@link #NONE}. */
    public String stringAt(int id) {
        return id < 0 ? null : strings.get(id);
    }

    // ---- methods ----

    /** Interns a method by class and method name (descriptors are ignored: flame graphs merge overloads). */
    public int method(String className, String methodName) {
        int c = string(className == null ? "" : className);
        int m = string(methodName == null ? "" : methodName);
        long key = ((long) c << 32) | (m & 0xffffffffL);
        Integer id = methodIds.get(key);
        if (id == null) {
            id = methodCount++;
            if (id == this.methodClass.length) {
                this.methodClass = Arrays.copyOf(this.methodClass, id * 2);
                this.methodName = Arrays.copyOf(this.methodName, id * 2);
            }
            this.methodClass[id] = c;
            this.methodName[id] = m;
            methodIds.put(key, id);
        }
        return id;
    }

    public int methodCount() {
        return methodCount;
    }

    public String methodClass(int method) {
        return strings.get(methodClass[method]);
    }

    public String methodName(int method) {
        return strings.get(methodName[method]);
    }

    /** {@code java.util.HashMap.resize}, or just the method name for frames without a class (native code). */
    public String methodLabel(int method) {
        String c = methodClass(method);
        String m = methodName(method);
        return c.isEmpty() ? m : c + "." + m;
    }

    // ---- frames ----

    /**
     * Interns a frame by method and line. The execution type (interpreted, compiled, inlined) is not part
     * of its identity: the same line is one call site whether the JIT had compiled it yet or not, and
     * keeping them apart split one site into several findings. The first type seen is kept.
     */
    public int frame(int method, int line, FrameType type) {
        FrameKey key = new FrameKey(method, line);
        Integer id = frameIds.get(key);
        if (id == null) {
            id = frameCount++;
            if (id == frameMethod.length) {
                frameMethod = Arrays.copyOf(frameMethod, id * 2);
                frameLine = Arrays.copyOf(frameLine, id * 2);
                frameType = Arrays.copyOf(frameType, id * 2);
            }
            frameMethod[id] = method;
            frameLine[id] = line;
            frameType[id] = (byte) type.ordinal();
            frameIds.put(key, id);
        }
        return id;
    }

    public int frameCount() {
        return frameCount;
    }

    public int frameMethod(int frame) {
        return frameMethod[frame];
    }

    /** Source line of the frame, or -1 where the recording has none. */
    public int frameLine(int frame) {
        return frameLine[frame];
    }

    public FrameType frameType(int frame) {
        return FrameType.VALUES[frameType[frame]];
    }

    /** {@code java.util.HashMap.put:612}, the way a user finds a call site in an editor. */
    public String frameLabel(int frame) {
        int line = frameLine[frame];
        String m = methodLabel(frameMethod[frame]);
        return line >= 0 ? m + ":" + line : m;
    }

    // ---- stacks ----

    /**
     * Interns a stack. {@code frames[0]} is the top frame (the executing method), as in JFR; the array
     * is copied.
     */
    public int stack(int[] frames, int length, boolean truncated) {
        StackKey key = new StackKey(Arrays.copyOf(frames, length), truncated);
        Integer id = stackIds.get(key);
        if (id == null) {
            id = stacks.size();
            stacks.add(key.frames);
            stackTruncated.add(truncated);
            stackIds.put(key, id);
        }
        return id;
    }

    public int stackCount() {
        return stacks.size();
    }

    /** The frames of a stack, top frame first. The array is shared: do not modify it. */
    public int[] stackFrames(int stack) {
        return stacks.get(stack);
    }

    /**
     * The executing frame of a stack, or {@link #NONE} for no stack (-1) or one without frames: JFR now and
     * then records a stack trace with none.
     */
    public int topFrame(int stack) {
        if (stack < 0) {
            return NONE;
        }
        int[] frames = stacks.get(stack);
        return frames.length == 0 ? NONE : frames[0];
    }

    /** True when the JVM cut the stack at its depth limit, so the root frames are missing. */
    public boolean stackTruncated(int stack) {
        return stackTruncated.get(stack);
    }

    // ---- threads ----

    /**
     * Interns a thread by its Java thread id (or, for threads without one, by its OS id, passed as
     * a negative number so the two spaces cannot collide).
     */
    public int thread(long key, String name) {
        Integer id = threadIds.get(key);
        if (id == null) {
            id = threadNames.size();
            threadNames.add(name == null ? "" : name);
            threadJavaIds.add(key);
            threadIds.put(key, id);
        } else if (name != null && !name.isEmpty() && !name.equals(threadNames.get(id))) {
            // Threads get renamed (pools name workers after start): keep the newest name.
            threadNames.set(id, name);
        }
        return id;
    }

    public int threadCount() {
        return threadNames.size();
    }

    public String threadName(int thread) {
        return thread < 0 ? "" : threadNames.get(thread);
    }

    public long threadKey(int thread) {
        return threadJavaIds.get(thread);
    }

    private record FrameKey(int method, int line) {
    }

    private record StackKey(int[] frames, boolean truncated) {
        @Override
        public boolean equals(Object o) {
            return o instanceof StackKey k && k.truncated == truncated && Arrays.equals(k.frames, frames);
        }

        /**
         * Multiplicative mixing with a final fold: stacks are arrays of small frame ids that often differ in
         * one deep frame, and {@code Arrays.hashCode}'s base 31 crowded them into few bins (HashMap had
         * treeified some), where every chunk of a recording interns its stacks again.
         */
        @Override
        public int hashCode() {
            int h = truncated ? 0x5bd1e995 : 0;
            for (int f : frames) {
                h = (h + f) * 0x9E3779B9;
            }
            return h ^ (h >>> 15);
        }
    }
}
