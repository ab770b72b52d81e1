package dev.hashscope.event.fast;

import dev.hashscope.event.EventKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How to decode one event type of one metadata: which fields to capture into which slots, the rest
 * skipped. Also holds the per-field "last key" caches of the JDK's {@code EventValueConstantParser}, which
 * live as long as the JDK keeps its parsers (while the metadata id does not change), so that a constant
 * field repeating its previous key yields the previous object even across chunks, as in the JDK.
 */
final class EventPlan {
    // Decoded event codes (as in JdkRecordingReader).
    static final int EXECUTION_SAMPLE = 1, MONITOR_ENTER = 2, MONITOR_WAIT = 3, PARK = 4, ALLOC_SAMPLE = 5,
            ALLOC_NEW_TLAB = 6, ALLOC_OUTSIDE_TLAB = 7, GC = 8, GC_PHASE_PAUSE = 9, CPU_LOAD = 10,
            THREAD_START = 11, THREAD_END = 12, JVM_INFO = 13, ACTIVE_SETTING = 14, MAP_BUCKETS = 15;

    // What a slot holds.
    static final int CAP_THREAD = 0, CAP_STACK = 1, CAP_CLASS = 2, CAP_LONG = 3, CAP_FLOAT = 4, CAP_BOOL = 5,
            CAP_STRING = 6, CAP_DURATION = 7, CAP_INSTANT = 8, CAP_DOUBLE = 9;

    private record Spec(int code, EventKind kind, String[] fields, int[] caps) {
    }

    private static Spec spec(int code, EventKind kind, Object... fieldsAndCaps) {
        String[] f = new String[fieldsAndCaps.length / 2];
        int[] c = new int[f.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (String) fieldsAndCaps[2 * i];
            c[i] = (Integer) fieldsAndCaps[2 * i + 1];
        }
        return new Spec(code, kind, f, c);
    }

    private static final Map<String, Spec> SPECS = Map.ofEntries(
            Map.entry("jdk.ExecutionSample", spec(EXECUTION_SAMPLE, EventKind.EXECUTION_SAMPLE,
                    "sampledThread", CAP_THREAD, "stackTrace", CAP_STACK)),
            Map.entry("jdk.JavaMonitorEnter", spec(MONITOR_ENTER, EventKind.MONITOR_BLOCKED,
                    "eventThread", CAP_THREAD, "stackTrace", CAP_STACK, "monitorClass", CAP_CLASS,
                    "address", CAP_LONG, "previousOwner", CAP_THREAD)),
            Map.entry("jdk.JavaMonitorWait", spec(MONITOR_WAIT, EventKind.MONITOR_WAIT,
                    "eventThread", CAP_THREAD, "stackTrace", CAP_STACK, "monitorClass", CAP_CLASS,
                    "address", CAP_LONG, "notifier", CAP_THREAD, "timedOut", CAP_BOOL)),
            Map.entry("jdk.ThreadPark", spec(PARK, EventKind.THREAD_PARK,
                    "eventThread", CAP_THREAD, "stackTrace", CAP_STACK, "parkedClass", CAP_CLASS,
                    "address", CAP_LONG)),
            Map.entry("jdk.ObjectAllocationSample", spec(ALLOC_SAMPLE, EventKind.ALLOCATION,
                    "eventThread", CAP_THREAD, "stackTrace", CAP_STACK, "objectClass", CAP_CLASS,
                    "weight", CAP_LONG)),
            Map.entry("jdk.ObjectAllocationInNewTLAB", spec(ALLOC_NEW_TLAB, EventKind.ALLOCATION,
                    "eventThread", CAP_THREAD, "stackTrace", CAP_STACK, "objectClass", CAP_CLASS,
                    "tlabSize", CAP_LONG, "allocationSize", CAP_LONG)),
            Map.entry("jdk.ObjectAllocationOutsideTLAB", spec(ALLOC_OUTSIDE_TLAB, EventKind.ALLOCATION,
                    "eventThread", CAP_THREAD, "stackTrace", CAP_STACK, "objectClass", CAP_CLASS,
                    "allocationSize", CAP_LONG)),
            Map.entry("jdk.GarbageCollection", spec(GC, EventKind.GC_PAUSE,
                    "gcId", CAP_LONG, "name", CAP_STRING, "cause", CAP_STRING, "sumOfPauses", CAP_DURATION,
                    "longestPause", CAP_DURATION)),
            Map.entry("jdk.GCPhasePause", spec(GC_PHASE_PAUSE, EventKind.GC_PHASE_PAUSE,
                    "gcId", CAP_LONG, "name", CAP_STRING)),
            Map.entry("jdk.CPULoad", spec(CPU_LOAD, EventKind.CPU_LOAD,
                    "jvmUser", CAP_FLOAT, "jvmSystem", CAP_FLOAT, "machineTotal", CAP_FLOAT)),
            Map.entry("jdk.ThreadStart", spec(THREAD_START, EventKind.THREAD_LIFECYCLE, "thread", CAP_THREAD)),
            Map.entry("jdk.ThreadEnd", spec(THREAD_END, EventKind.THREAD_LIFECYCLE, "thread", CAP_THREAD)),
            Map.entry("jdk.JVMInformation", spec(JVM_INFO, EventKind.JVM_INFO,
                    "jvmName", CAP_STRING, "jvmVersion", CAP_STRING, "jvmArguments", CAP_STRING,
                    "javaArguments", CAP_STRING, "jvmStartTime", CAP_INSTANT)),
            Map.entry("jdk.ActiveSetting", spec(ACTIVE_SETTING, EventKind.SETTING,
                    "id", CAP_LONG, "name", CAP_STRING, "value", CAP_STRING)),
            Map.entry(dev.hashscope.event.MapBuckets.EVENT_NAME, spec(MAP_BUCKETS, EventKind.MAP_BUCKETS,
                    "map", CAP_STRING, "kind", CAP_STRING, "keyClass", CAP_STRING, "identity", CAP_LONG,
                    "capacity", CAP_LONG, "size", CAP_LONG, "loadFactor", CAP_FLOAT, "treeifiedBins", CAP_LONG,
                    "longestChain", CAP_LONG, "averageProbe", CAP_DOUBLE, "distinctHashRatio", CAP_DOUBLE,
                    "hashedEntries", CAP_LONG, "histogram", CAP_STRING, "remixedHistogram", CAP_STRING,
                    "chainVector", CAP_STRING, "bucketsPerValue", CAP_LONG, "treeifiedValues", CAP_STRING,
                    "tableBytes", CAP_LONG)));

    final Metadata.Type type;
    /** Index of this type in its metadata's counted types. */
    final int countIndex;
    /** 0 for types only counted. */
    final int code;
    final boolean hasDuration;
    final int startIndex;
    /** Slot per field (-1: skipped). */
    final int[] slotOfField;
    /** Fields after this index are never read. */
    final int lastField;
    final int[] caps;
    /** The field behind each slot, or null when the type lacks it. */
    final Metadata.Field[] slotFields;

    /**
     * The fields from {@link #startIndex} to {@link #lastField} as a little program, one int per step: the
     * operation in the low byte, its argument above. The common steps (a constant reference, a plain varint, a
     * run of skipped varints) then cost no look at the field's metadata per event.
     */
    final int[] ops;
    static final int OP_REF = 1, OP_VARINT = 2, OP_SKIP_VARINTS = 3, OP_SKIP_FIELD = 4, OP_FIELD = 5;

    private static int[] compile(Metadata.Type type, int from, int to, int[] slotOfField, int[] caps) {
        List<Integer> ops = new ArrayList<>();
        int skipped = 0;
        for (int i = from; i <= to; i++) {
            Metadata.Field f = type.fields[i];
            int s = slotOfField[i];
            int varints = s >= 0 || f.array ? -1 : f.constantPool ? 1
                    : switch (f.type.kind) {
                        case Metadata.K_CHAR, Metadata.K_SHORT, Metadata.K_INT, Metadata.K_LONG -> 1;
                        case Metadata.K_STRUCT -> f.type.varints;
                        default -> -1;
                    };
            if (varints > 0) {
                skipped += varints;
                continue;
            }
            if (skipped > 0) {
                ops.add(OP_SKIP_VARINTS | skipped << 8);
                skipped = 0;
            }
            if (s < 0) {
                ops.add(OP_SKIP_FIELD | i << 8);
            } else if (f.constantPool) {
                ops.add(OP_REF | s << 8);
            } else if (caps[s] == CAP_LONG && f.type.kind == Metadata.K_LONG) {
                ops.add(OP_VARINT | s << 8);
            } else {
                ops.add(OP_FIELD | i << 8);
            }
        }
        if (skipped > 0) {
            ops.add(OP_SKIP_VARINTS | skipped << 8);
        }
        return ops.stream().mapToInt(Integer::intValue).toArray();
    }

    // JDK EventValueConstantParser caches; only the delivering thread touches them.
    final long[] lastKey;
    final Object[] lastValue;

    private EventPlan(Metadata.Type type, int countIndex, int code, int[] caps, Metadata.Field[] slotFields) {
        this.type = type;
        this.countIndex = countIndex;
        this.code = code;
        this.hasDuration = type.field("duration") != null;
        this.startIndex = hasDuration ? 2 : 1;
        this.caps = caps;
        this.slotFields = slotFields;
        this.slotOfField = new int[type.fields.length];
        java.util.Arrays.fill(slotOfField, -1);
        int last = -1;
        for (int s = 0; s < slotFields.length; s++) {
            Metadata.Field f = slotFields[s];
            if (f != null) {
                int i = indexOf(type, f);
                if (i >= startIndex) {
                    slotOfField[i] = s;
                    last = Math.max(last, i);
                } else {
                    slotFields[s] = null; // consumed as start time or duration by the JDK's parser
                }
            }
        }
        this.lastField = last;
        this.ops = compile(type, startIndex, last, slotOfField, caps);
        this.lastKey = new long[caps.length];
        java.util.Arrays.fill(lastKey, -1);
        this.lastValue = new Object[caps.length];
    }

    private static int indexOf(Metadata.Type t, Metadata.Field f) {
        for (int i = 0; i < t.fields.length; i++) {
            if (t.fields[i] == f) {
                return i;
            }
        }
        return -1;
    }

    int slots() {
        return caps.length;
    }

    /** The plans of all event types of {@code md}, or why this reader cannot decode them as the JDK does. */
    static Object plansFor(Metadata md, Set<EventKind> wanted) {
        List<EventPlan> plans = new ArrayList<>();
        for (Metadata.Type t : md.allTypes) {
            if (!t.isEvent()) {
                continue;
            }
            Spec spec = SPECS.get(t.name);
            if (spec == null || !wanted.contains(spec.kind)) {
                plans.add(new EventPlan(t, plans.size(), 0, new int[0], new Metadata.Field[0]));
                continue;
            }
            Metadata.Field[] fields = new Metadata.Field[spec.fields.length];
            for (int s = 0; s < fields.length; s++) {
                Metadata.Field f = t.field(spec.fields[s]);
                if (f != null) {
                    String problem = problem(f, spec.caps[s]);
                    if (problem != null) {
                        return t.name + " field " + f.name + " " + problem;
                    }
                }
                fields[s] = f;
            }
            plans.add(new EventPlan(t, plans.size(), spec.code, spec.caps, fields));
        }
        String constants = checkConstantTypes(md);
        if (constants != null) {
            return constants;
        }
        return plans;
    }

    /** The JDK's view of a field's type: a simple type (one field, no super type) reads as its field. */
    static String effectiveTypeName(Metadata.Field f) {
        Metadata.Type t = f.type;
        int guard = 0;
        while (t.fields.length == 1 && t.superType == null && guard++ < 16) {
            t = t.fields[0].type;
        }
        return t.name;
    }

    private static String problem(Metadata.Field f, int cap) {
        if (f.array) {
            return "is an array";
        }
        return switch (cap) {
            case CAP_THREAD -> f.constantPool && f.type.name.equals("java.lang.Thread") ? null
                    : "is not a java.lang.Thread constant";
            case CAP_STACK -> f.constantPool && f.type.name.equals("jdk.types.StackTrace") ? null
                    : "is not a jdk.types.StackTrace constant";
            case CAP_CLASS -> f.constantPool && f.type.name.equals("java.lang.Class") ? null
                    : "is not a java.lang.Class constant";
            case CAP_LONG -> Values.isIntegral(f) ? null : "is not an integer";
            case CAP_FLOAT -> !f.constantPool && (f.type.kind == Metadata.K_FLOAT || Values.isIntegral(f)) ? null
                    : "is not a float";
            case CAP_DOUBLE -> !f.constantPool && f.type.kind == Metadata.K_DOUBLE ? null : "is not a double";
            case CAP_BOOL -> !f.constantPool && f.type.kind == Metadata.K_BOOLEAN ? null : "is not a boolean";
            case CAP_STRING -> {
                if (!effectiveTypeName(f).equals("java.lang.String")) {
                    yield "is not a string";
                }
                yield f.constantPool || f.type.kind == Metadata.K_STRING ? null : "is a string in a struct";
            }
            case CAP_DURATION -> !Values.isIntegral(f) ? "is not an integer"
                    : f.timespan == null ? "has no @Timespan"
                    : switch (f.timespan) {
                        case "MICROSECONDS", "SECONDS", "MILLISECONDS", "NANOSECONDS", "TICKS" -> null;
                        default -> "has timespan unit " + f.timespan;
                    };
            case CAP_INSTANT -> !Values.isIntegral(f) ? "is not an integer"
                    : f.timestamp == null ? "has no @Timestamp"
                    : f.timestamp.equals("MILLISECONDS_SINCE_EPOCH") || f.timestamp.equals("TICKS") ? null
                    : "has timestamp unit " + f.timestamp;
            default -> "cannot be read";
        };
    }

    /** The constant types whose layout the resolver relies on. */
    private static String checkConstantTypes(Metadata md) {
        Metadata.Type st = md.byName.get("jdk.types.StackTrace");
        if (st != null) {
            Metadata.Field frames = st.field("frames");
            if (frames != null && (!frames.array || frames.constantPool || frames.type.kind != Metadata.K_STRUCT)) {
                return "jdk.types.StackTrace frames are not an inline array of frames";
            }
        }
        return null;
    }
}
