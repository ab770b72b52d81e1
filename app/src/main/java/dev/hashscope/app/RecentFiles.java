package dev.hashscope.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * The recently opened recordings, newest first, kept in the user's preferences ({@link Preferences}) so they
 * survive restarts. Paths are stored absolute; at most {@link #MAX} are kept.
 */
public final class RecentFiles {
    public static final int MAX = 10;
    private static final String KEY = "recent.";
    private final Preferences node;

    public RecentFiles(Preferences node) {
        this.node = node;
    }

    /** The app's own preferences node. */
    public static RecentFiles userDefault() {
        return new RecentFiles(Preferences.userRoot().node("dev/hashscope/app"));
    }

    public List<Path> list() {
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < MAX; i++) {
            String v = node.get(KEY + i, null);
            if (v != null && !v.isBlank()) {
                out.add(Path.of(v));
            }
        }
        return out;
    }

    /** Puts {@code file} first (moving it up if it was there already). */
    public List<Path> add(Path file) {
        List<Path> l = list();
        Path abs = file.toAbsolutePath().normalize();
        l.remove(abs);
        l.add(0, abs);
        return store(l);
    }

    public List<Path> remove(Path file) {
        List<Path> l = list();
        l.remove(file.toAbsolutePath().normalize());
        return store(l);
    }

    public List<Path> clear() {
        return store(List.of());
    }

    private List<Path> store(List<Path> l) {
        List<Path> kept = l.size() > MAX ? l.subList(0, MAX) : l;
        for (int i = 0; i < MAX; i++) {
            if (i < kept.size()) {
                node.put(KEY + i, kept.get(i).toString());
            } else {
                node.remove(KEY + i);
            }
        }
        try {
            node.flush();
        } catch (BackingStoreException e) {
            // The list still works for this session; preferences are a convenience, not data.
            System.err.println("hashscope: could not save recent files: " + e.getMessage());
        }
        return List.copyOf(kept);
    }
}
