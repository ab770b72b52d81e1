package dev.hashscope.mapop;

/**
 * The hash-table implementations Hashscope recognises in stacks, by the class that holds their code.
 * Sets backed by a map report the set ({@code HashSet}); the frames below them are the map's.
 */
public enum MapKind {
    HASH_MAP("HashMap", "java.util.HashMap"),
    LINKED_HASH_MAP("LinkedHashMap", "java.util.LinkedHashMap"),
    CONCURRENT_HASH_MAP("ConcurrentHashMap", "java.util.concurrent.ConcurrentHashMap"),
    HASHTABLE("Hashtable", "java.util.Hashtable"),
    WEAK_HASH_MAP("WeakHashMap", "java.util.WeakHashMap"),
    IDENTITY_HASH_MAP("IdentityHashMap", "java.util.IdentityHashMap"),
    SYNCHRONIZED_MAP("Collections$SynchronizedMap", "java.util.Collections$SynchronizedMap"),
    UNMODIFIABLE_MAP("Collections$UnmodifiableMap", "java.util.Collections$UnmodifiableMap"),
    IMMUTABLE_MAP("Map.of/Map.copyOf", "java.util.ImmutableCollections$MapN"),
    HASH_SET("HashSet", "java.util.HashSet"),
    LINKED_HASH_SET("LinkedHashSet", "java.util.LinkedHashSet"),
    PROPERTIES("Properties", "java.util.Properties"),
    /** Code shared by all maps ({@code AbstractMap}, {@code Map}/{@code ConcurrentMap} default methods). */
    ABSTRACT_MAP("AbstractMap", "java.util.AbstractMap");

    private final String displayName;
    private final String implementationClass;

    MapKind(String displayName, String implementationClass) {
        this.displayName = displayName;
        this.implementationClass = implementationClass;
    }

    /** A short name for users: {@code ConcurrentHashMap}, {@code Collections$SynchronizedMap}. */
    public String displayName() {
        return displayName;
    }

    /** The class whose methods implement it, e.g. {@code java.util.concurrent.ConcurrentHashMap}. */
    public String implementationClass() {
        return implementationClass;
    }

    /**
     * The map kind whose implementation a frame of {@code className} belongs to, or null. Inner classes
     * count as their map ({@code ConcurrentHashMap$TreeBin}, {@code HashMap$TreeNode}, {@code HashMap$KeySet}).
     */
    public static MapKind ofClass(String className) {
        if (className == null || !className.startsWith("java.util.")) {
            return null;
        }
        if (className.startsWith("java.util.Collections$")) {
            if (className.startsWith("java.util.Collections$SynchronizedMap")
                    || className.startsWith("java.util.Collections$SynchronizedSortedMap")
                    || className.startsWith("java.util.Collections$SynchronizedNavigableMap")) {
                return SYNCHRONIZED_MAP;
            }
            if (className.startsWith("java.util.Collections$UnmodifiableMap")) {
                return UNMODIFIABLE_MAP;
            }
            return null;
        }
        if (className.startsWith("java.util.ImmutableCollections$Map")) {
            return IMMUTABLE_MAP;
        }
        int dollar = className.indexOf('$');
        String outer = dollar < 0 ? className : className.substring(0, dollar);
        return switch (outer) {
            case "java.util.HashMap" -> HASH_MAP;
            case "java.util.LinkedHashMap" -> LINKED_HASH_MAP;
            case "java.util.concurrent.ConcurrentHashMap" -> CONCURRENT_HASH_MAP;
            case "java.util.Hashtable" -> HASHTABLE;
            case "java.util.WeakHashMap" -> WEAK_HASH_MAP;
            case "java.util.IdentityHashMap" -> IDENTITY_HASH_MAP;
            case "java.util.HashSet" -> HASH_SET;
            case "java.util.LinkedHashSet" -> LINKED_HASH_SET;
            case "java.util.Properties" -> PROPERTIES;
            case "java.util.AbstractMap", "java.util.Map", "java.util.concurrent.ConcurrentMap" -> ABSTRACT_MAP;
            default -> null;
        };
    }

    /** True for frames of a map implementation (see {@link #ofClass}). */
    public static boolean isMapClass(String className) {
        return ofClass(className) != null;
    }
}
