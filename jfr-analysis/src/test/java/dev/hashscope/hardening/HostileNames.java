package dev.hashscope.hardening;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Hashtable;
import jdk.jfr.Recording;

/**
 * Records, in the test JVM, code whose class, method and thread names are hostile: markup, quotes, backticks,
 * pipes, control characters, line separators, right-to-left overrides and astral characters. The JVM allows
 * them all in class names (except {@code . ; [ /}) and method names (also except {@code < >}); the class is
 * {@link HostileTemplate}'s bytecode with its names rewritten in the constant pool.
 */
public final class HostileNames {
    /**
     * A simple class name: markup and quotes, a space, a bell, a line separator, a right-to-left override. (No
     * character beyond U+FFFF: the JVM keeps names in modified UTF-8 and JFR writes those bytes as they are, so
     * both parsers read such a character as two U+FFFD. Thread names too: the JVM hands them to JFR the same way.)
     */
    public static final String CLASS = "<img src=x onerror=alert('c')>\"q\"`b`|p|*s*_u_ \u0007\u2028\u202e";
    public static final String CLASS_NAME = "dev.hashscope.hardening." + CLASS;
    /** A method name: no '<', '>', '[' or ';' allowed, so quotes, ampersands, Markdown and a newline. */
    public static final String METHOD = "evil\"'&amp`code`|link](x)*em*\n#h\u2029";
    public static final String FRAME = CLASS_NAME + "." + METHOD;
    public static final String THREAD = "<script>alert(\"t\")</script>\n|`t`\u0007\u202e";

    private HostileNames() {
    }

    /**
     * A recording in which thread {@link #THREAD} runs {@link #FRAME} (CPU samples, allocations) and then blocks
     * in {@code Hashtable.put} called from it while another thread holds the table: a monitor-contention finding
     * whose call site is the hostile frame.
     */
    public static Path record(Path dir) throws Exception {
        Class<?> hostile = define();
        Method work = hostile.getMethod(METHOD, long.class);
        Hashtable<String, Long> table = new Hashtable<>();
        hostile.getField("table").set(null, table);
        Path file = dir.resolve("hostile-names.jfr");
        try (Recording r = new Recording()) {
            r.enable("jdk.JavaMonitorEnter").withThreshold(Duration.ofMillis(1)).withStackTrace();
            r.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
            r.enable("jdk.ObjectAllocationSample").with("throttle", "1000/s");
            r.enable("jdk.ActiveSetting");
            r.start();
            Thread worker = new Thread(() -> invoke(work, 1000), THREAD); // samples even on a loaded machine
            worker.start();
            worker.join();
            Thread waiter = new Thread(() -> invoke(work, 0), THREAD);
            Thread holder = new Thread(() -> {
                synchronized (table) {
                    waiter.start();
                    while (waiter.getState() != Thread.State.BLOCKED) {
                        Thread.onSpinWait();
                    }
                    sleep(30);
                }
            }, "hs-holder");
            holder.start();
            holder.join();
            waiter.join();
            r.stop();
            r.dump(file);
        }
        return file;
    }

    private static void invoke(Method work, long millis) {
        try {
            work.invoke(null, millis);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Defines the renamed template in this package (a lookup may define classes only in its own). */
    static Class<?> define() throws IOException, IllegalAccessException {
        byte[] template;
        try (InputStream in = HostileTemplate.class.getResourceAsStream("HostileTemplate.class")) {
            template = in.readAllBytes();
        }
        byte[] renamed = renameUtf8(template, "dev/hashscope/hardening/HostileTemplate",
                "dev/hashscope/hardening/" + CLASS, "hostileWork", METHOD);
        return MethodHandles.lookup().defineClass(renamed);
    }

    /** The class file with two constant-pool UTF-8 entries replaced (modified UTF-8, as class files store them). */
    static byte[] renameUtf8(byte[] classFile, String from1, String to1, String from2, String to2) throws IOException {
        DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(classFile));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(in.readInt()); // magic
        out.writeInt(in.readInt()); // minor, major
        int count = in.readUnsignedShort();
        out.writeShort(count);
        int replaced = 0;
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            out.writeByte(tag);
            switch (tag) {
                case 1 -> {
                    String s = in.readUTF();
                    if (s.equals(from1) || s.equals(from2)) {
                        replaced++;
                    }
                    out.writeUTF(s.equals(from1) ? to1 : s.equals(from2) ? to2 : s);
                }
                case 3, 4, 9, 10, 11, 12, 17, 18 -> out.writeInt(in.readInt());
                case 5, 6 -> {
                    out.writeLong(in.readLong());
                    i++;
                }
                case 7, 8, 16, 19, 20 -> out.writeShort(in.readUnsignedShort());
                case 15 -> {
                    out.writeByte(in.readUnsignedByte());
                    out.writeShort(in.readUnsignedShort());
                }
                default -> throw new IOException("unknown constant-pool tag " + tag);
            }
        }
        if (replaced != 2) {
            throw new IOException("expected the class and method name once each, replaced " + replaced);
        }
        in.transferTo(out);
        return bytes.toByteArray();
    }
}
