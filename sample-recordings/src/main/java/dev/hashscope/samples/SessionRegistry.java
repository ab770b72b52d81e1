package dev.hashscope.samples;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * Last-seen time per session id, in a {@code Collections.synchronizedMap(new HashMap<>())}. The wrapper
 * locks one mutex (the wrapper object, class {@code java.util.Collections$SynchronizedMap}) around every
 * call, so, exactly like Hashtable, all threads serialize on a single monitor.
 */
final class SessionRegistry {

    private final Map<String, Session> sessions = Collections.synchronizedMap(new HashMap<>());

    SessionRegistry(String[] ids) {
        for (String id : ids) {
            sessions.put(id, new Session(id, 0L, 0));
        }
    }

    /**
     * The call site the analysis should name: the wrapper's {@code compute} holds the mutex while the
     * remapping function builds the new {@link Session}, so every toucher waits for it.
     */
    Session touch(String sessionId, long now) {
        return sessions.compute(sessionId, (id, s) -> s == null ? new Session(id, now, 1) : s.touched(now));
    }

    int size() {
        return sessions.size();
    }

    /** Immutable session state; a new instance per touch, as is common with value-style map entries. */
    record Session(String id, long lastSeen, int hits) {
        Session touched(long now) {
            return new Session(id, now, hits + 1);
        }
    }
}
