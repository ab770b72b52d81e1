package dev.hashscope.probe;

import java.lang.reflect.Method;

/**
 * Whether a class's static initialiser has run. Reading a static field of an uninitialised class through
 * reflection would run the initialiser on the probe's thread, out of the application's order; the probe only
 * reads statics of classes for which this says true. Uses {@code jdk.internal.misc.Unsafe.shouldBeInitialized}
 * (exported to the agent by {@link ModuleAccess}); without it no class counts as initialised and the walk
 * starts from threads only.
 */
final class ClassInitialization {
    private final Object unsafe;
    private final Method shouldBeInitialized;

    private ClassInitialization(Object unsafe, Method shouldBeInitialized) {
        this.unsafe = unsafe;
        this.shouldBeInitialized = shouldBeInitialized;
    }

    static ClassInitialization find() {
        try {
            Class<?> c = Class.forName("jdk.internal.misc.Unsafe");
            Object u = c.getMethod("getUnsafe").invoke(null);
            Method m = c.getMethod("shouldBeInitialized", Class.class);
            return new ClassInitialization(u, m);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return new ClassInitialization(null, null);
        }
    }

    boolean available() {
        return unsafe != null;
    }

    boolean isInitialized(Class<?> c) {
        if (unsafe == null) {
            return false;
        }
        try {
            return !(Boolean) shouldBeInitialized.invoke(unsafe, c);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }
}
