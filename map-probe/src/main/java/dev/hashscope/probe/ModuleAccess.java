package dev.hashscope.probe;

import java.lang.instrument.Instrumentation;
import java.util.Map;
import java.util.Set;

/**
 * Opens the JDK packages the probe reads to the agent's own module, so users add no {@code --add-opens}:
 * {@code java.util} and {@code java.util.concurrent} (the tables' fields), {@code java.lang} (a thread's
 * thread-locals and its Runnable) and the export of {@code jdk.internal.misc} (to ask whether a class is
 * initialised before reading its statics). Changes nothing for any other module.
 */
final class ModuleAccess {
    private ModuleAccess() {
    }

    static void open(Instrumentation inst) {
        Module base = Object.class.getModule();
        Module self = ModuleAccess.class.getModule();
        if (!inst.isModifiableModule(base)) {
            return;
        }
        Set<Module> us = Set.of(self);
        inst.redefineModule(base, Set.of(), Map.of("jdk.internal.misc", us),
                Map.of("java.util", us, "java.util.concurrent", us, "java.lang", us), Set.of(), Map.of());
    }
}
