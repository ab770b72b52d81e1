package dev.hashscope.event.fast;

import dev.hashscope.util.LongObjectMap;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The types of one chunk, read from its metadata event: a string table, then a tree of elements
 * ({@code root > metadata > class > field > annotation}). Mirrors what the JDK's {@code MetadataReader}
 * takes from it, and nothing else.
 */
final class Metadata {
    static final int K_BOOLEAN = 0, K_BYTE = 1, K_CHAR = 2, K_SHORT = 3, K_INT = 4, K_LONG = 5, K_FLOAT = 6,
            K_DOUBLE = 7, K_STRING = 8, K_STRUCT = 9;
    static final String SUPER_TYPE_EVENT = "jdk.jfr.Event";

    /** A declared type. */
    static final class Type {
        final long id;
        final String name;
        final String superType;
        final List<Field> fieldList = new ArrayList<>();
        Field[] fields;
        /** {@code K_*}: a primitive kind for types without fields, {@link #K_STRUCT} otherwise. */
        int kind;
        /** For a struct of only compressed integers (pool references, char..long; stack frames): how many; else -1. */
        int varints = -1;

        Type(long id, String name, String superType) {
            this.id = id;
            this.name = name;
            this.superType = superType;
        }

        boolean isEvent() {
            return SUPER_TYPE_EVENT.equals(superType);
        }

        /** The JDK's "simple type": one field and no super type; a pool entry of it is that field's value. */
        boolean isSimple() {
            return fields.length == 1 && superType == null;
        }

        int fieldIndex(String fieldName) {
            for (int i = 0; i < fields.length; i++) {
                if (fields[i].name.equals(fieldName)) {
                    return i;
                }
            }
            return -1;
        }

        Field field(String fieldName) {
            int i = fieldIndex(fieldName);
            return i < 0 ? null : fields[i];
        }

        @Override
        public String toString() {
            return name + "#" + id;
        }
    }

    /** A field of a type, with the annotations that change how its value reads. */
    static final class Field {
        final String name;
        final long typeId;
        final boolean constantPool;
        final boolean array;
        Type type;
        boolean unsigned;
        String timespan;
        String timestamp;

        Field(String name, long typeId, boolean constantPool, boolean array) {
            this.name = name;
            this.typeId = typeId;
            this.constantPool = constantPool;
            this.array = array;
        }
    }

    final long id;
    /** {@link #layout()}, once computed. */
    String layout;
    final LongObjectMap<Type> types = new LongObjectMap<>(512);
    final List<Type> allTypes = new ArrayList<>();
    final Map<String, Type> byName = new HashMap<>();

    private Metadata(long id) {
        this.id = id;
    }

    /** The metadata id of the event at {@code offset} (the JDK reuses its parsers while it does not change). */
    static long peekId(ChunkInput in, int offset) throws IOException {
        in.pos = offset;
        in.readLong(); // size
        long type = in.readLong();
        if (type != 0) {
            throw new IOException("Expected metadata event. Type id=" + type + ", should have been 0");
        }
        in.readLong(); // start time
        in.readLong(); // duration
        return in.readLong();
    }

    static Metadata read(ChunkInput in, int offset) throws IOException {
        long id = peekId(in, offset);
        Metadata m = new Metadata(id);
        int count = in.readInt();
        in.require(count, "Metadata string pool");
        String[] pool = new String[count];
        for (int i = 0; i < count; i++) {
            String s = in.readString();
            if (s == ChunkInput.POOL_REFERENCE) {
                throw new IOException("metadata string refers to a constant pool");
            }
            pool[i] = s;
        }
        Element root = Element.read(in, pool, 0);
        Element metadata = root.first("metadata");
        if (metadata == null) {
            throw new IOException("metadata event without a metadata element");
        }
        m.declare(metadata);
        return m;
    }

    private void declare(Element metadata) throws IOException {
        List<Element> classes = metadata.children("class");
        for (Element c : classes) {
            Type t = new Type(c.longAttribute("id", -1), c.attributes.get("name"), c.attributes.get("superType"));
            types.put(t.id, t);
            allTypes.add(t);
            byName.putIfAbsent(t.name, t);
        }
        for (Element c : classes) {
            Type t = types.get(c.longAttribute("id", -1));
            for (Element f : c.children("field")) {
                long typeId = f.longAttribute("class", -1);
                Field field = new Field(f.attributes.get("name"), typeId, f.attributes.get("constantPool") != null,
                        f.longAttribute("dimension", 0) > 0);
                field.type = types.get(typeId);
                if (field.type == null) {
                    throw new IOException("Type '" + typeId + "' is not defined for " + field.name);
                }
                for (Element a : f.children("annotation")) {
                    Type at = types.get(a.longAttribute("class", -1));
                    if (at == null) {
                        throw new IOException("annotation type not defined");
                    }
                    switch (at.name) {
                        case "jdk.jfr.Unsigned" -> field.unsigned = true;
                        case "jdk.jfr.Timespan" -> field.timespan = a.attributes.getOrDefault("value", "NANOSECONDS");
                        case "jdk.jfr.Timestamp" -> field.timestamp =
                                a.attributes.getOrDefault("value", "MILLISECONDS_SINCE_EPOCH");
                        default -> {
                        }
                    }
                }
                t.fieldList.add(field);
            }
        }
        for (Type t : allTypes) {
            t.fields = t.fieldList.toArray(new Field[0]);
        }
        for (Type t : allTypes) {
            t.kind = t.fields.length > 0 ? K_STRUCT : primitiveKind(t.name);
        }
        for (Type t : allTypes) {
            if (t.kind == K_STRUCT) {
                int n = 0;
                for (Field f : t.fields) {
                    boolean varint = !f.array && (f.constantPool || f.type.kind == K_CHAR || f.type.kind == K_SHORT
                            || f.type.kind == K_INT || f.type.kind == K_LONG);
                    n = varint && n >= 0 ? n + 1 : -1;
                }
                t.varints = n;
            }
        }
        // The JDK builds a parser for every field of every type up front, so an unknown primitive fails the read.
        for (Type t : allTypes) {
            for (Field f : t.fields) {
                if (!f.constantPool && f.type.kind < 0) {
                    throw new IOException("Unknown primitive type " + f.type.name);
                }
            }
        }
    }

    private static int primitiveKind(String name) {
        return switch (name) {
            case "boolean" -> K_BOOLEAN;
            case "byte" -> K_BYTE;
            case "char" -> K_CHAR;
            case "short" -> K_SHORT;
            case "int" -> K_INT;
            case "long" -> K_LONG;
            case "float" -> K_FLOAT;
            case "double" -> K_DOUBLE;
            case "java.lang.String" -> K_STRING;
            default -> -1;
        };
    }

    Type type(long typeId) {
        return types.get(typeId);
    }

    /**
     * The wire layout of every type (id, name, fields with their types, pool and array flags), without
     * labels, annotations or settings: two metadata with the same layout parse the same bytes the same way.
     */
    String layout() {
        StringBuilder sb = new StringBuilder(allTypes.size() * 64);
        List<Type> sorted = new ArrayList<>(allTypes);
        sorted.sort(java.util.Comparator.comparingLong(t -> t.id));
        for (Type t : sorted) {
            sb.append(t.id).append(' ').append(t.name).append(' ').append(t.superType).append('{');
            for (Field f : t.fields) {
                sb.append(f.name).append(':').append(f.typeId).append(f.constantPool ? "p" : "")
                        .append(f.array ? "[]" : "").append(f.unsigned ? "u" : "").append(f.timespan)
                        .append(f.timestamp).append(';');
            }
            sb.append("}\n");
        }
        return sb.toString();
    }

    /** One node of the metadata tree. */
    private static final class Element {
        final String name;
        final Map<String, String> attributes = new HashMap<>();
        final List<Element> children = new ArrayList<>();

        Element(String name) {
            this.name = name;
        }

        static Element read(ChunkInput in, String[] pool, int depth) throws IOException {
            if (depth > 64) {
                throw new IOException("metadata nested too deeply");
            }
            Element e = new Element(string(in, pool));
            int attributes = in.readInt();
            for (int i = 0; i < attributes; i++) {
                String k = string(in, pool);
                e.attributes.put(k, string(in, pool));
            }
            int children = in.readInt();
            for (int i = 0; i < children; i++) {
                e.children.add(read(in, pool, depth + 1));
            }
            return e;
        }

        private static String string(ChunkInput in, String[] pool) throws IOException {
            int i = in.readInt();
            if (i < 0 || i >= pool.length) {
                throw new IOException("metadata string index " + i + " out of range");
            }
            return pool[i];
        }

        Element first(String childName) {
            for (Element c : children) {
                if (c.name.equals(childName)) {
                    return c;
                }
            }
            return null;
        }

        List<Element> children(String childName) {
            List<Element> out = new ArrayList<>();
            for (Element c : children) {
                if (c.name.equals(childName)) {
                    out.add(c);
                }
            }
            return out;
        }

        long longAttribute(String key, long defaultValue) {
            String v = attributes.get(key);
            return v == null ? defaultValue : Long.parseLong(v);
        }
    }
}
