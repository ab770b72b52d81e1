package dev.hashscope.probe;

import java.lang.ref.Reference;
import java.lang.reflect.Field;
import java.util.function.BiConsumer;

/**
 * A thread's Runnable and thread-local values, read through {@code java.lang}'s private fields (opened by
 * {@link ModuleAccess}). Handles JDK 17 ({@code Thread.target}) and JDK 19+ ({@code Thread.holder.task});
 * when a field is missing or not open the thread contributes only its own subclass fields.
 */
final class ThreadFields {
    private final Field target;
    private final Field holder;
    private final Field holderTask;
    private final Field threadLocals;
    private final Field inheritableThreadLocals;
    private final Field mapTable;
    private final Field entryValue;

    private ThreadFields(Field target, Field holder, Field holderTask, Field threadLocals,
                         Field inheritableThreadLocals, Field mapTable, Field entryValue) {
        this.target = target;
        this.holder = holder;
        this.holderTask = holderTask;
        this.threadLocals = threadLocals;
        this.inheritableThreadLocals = inheritableThreadLocals;
        this.mapTable = mapTable;
        this.entryValue = entryValue;
    }

    static ThreadFields find() {
        Field holder = field(Thread.class, "holder");
        Field holderTask = holder == null ? null : field(holder.getType(), "task");
        Field mapTable = null;
        Field entryValue = null;
        try {
            mapTable = field(Class.forName("java.lang.ThreadLocal$ThreadLocalMap"), "table");
            entryValue = field(Class.forName("java.lang.ThreadLocal$ThreadLocalMap$Entry"), "value");
        } catch (ClassNotFoundException e) {
            // no thread-locals then
        }
        return new ThreadFields(field(Thread.class, "target"), holder, holderTask, field(Thread.class, "threadLocals"),
                field(Thread.class, "inheritableThreadLocals"), mapTable, entryValue);
    }

    private static Field field(Class<?> c, String name) {
        try {
            Field f = c.getDeclaredField(name);
            f.setAccessible(true);
            return f;
        } catch (NoSuchFieldException | RuntimeException e) {
            return null;
        }
    }

    Object task(Thread t) {
        try {
            if (target != null) {
                return target.get(t);
            }
            if (holder != null && holderTask != null) {
                Object h = holder.get(t);
                return h == null ? null : holderTask.get(h);
            }
        } catch (IllegalAccessException | RuntimeException e) {
            // treated as no task
        }
        return null;
    }

    /** Calls {@code action(threadLocal, value)} for each of the thread's (inheritable) thread-local values. */
    void forEachLocal(Thread t, BiConsumer<Object, Object> action) {
        if (mapTable == null || entryValue == null) {
            return;
        }
        for (Field mapField : new Field[] {threadLocals, inheritableThreadLocals}) {
            if (mapField == null) {
                continue;
            }
            try {
                Object map = mapField.get(t);
                Object[] table = map == null ? null : (Object[]) mapTable.get(map);
                if (table == null) {
                    continue;
                }
                for (Object e : table) {
                    if (e != null) {
                        action.accept(((Reference<?>) e).get(), entryValue.get(e));
                    }
                }
            } catch (IllegalAccessException | RuntimeException e) {
                // the map is being rehashed by its thread: skipped this time
            }
        }
    }
}
