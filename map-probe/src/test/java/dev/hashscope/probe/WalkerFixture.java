package dev.hashscope.probe;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Statics the walker test finds tables through. */
final class WalkerFixture {
    static final Registry REGISTRY = new Registry();
    static final Map<String, Integer> TINY = new HashMap<>(Map.of("a", 1));
    static final ThreadLocal<Map<Integer, String>> PER_THREAD = ThreadLocal.withInitial(HashMap::new);
    static final Object[] ARRAY = {null, sized(70)};

    static final class Registry {
        final Map<Integer, String> sessions = Collections.synchronizedMap(sized(100));
        final Map<String, Map<Integer, String>> byTenant = new ConcurrentHashMap<>(Map.of("acme", sized(80)));
        final Map<Integer, String> alias = sessions; // the same table twice: reported once, by its first path
    }

    static Map<Integer, String> sized(int n) {
        Map<Integer, String> m = new HashMap<>();
        for (int i = 0; i < n; i++) {
            m.put(i, "v");
        }
        return m;
    }

    private WalkerFixture() {
    }
}
