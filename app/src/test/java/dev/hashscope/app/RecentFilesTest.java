package dev.hashscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RecentFilesTest {
    private final Preferences node = Preferences.userRoot().node("dev/hashscope/test/recent-" + System.nanoTime());
    private final RecentFiles recent = new RecentFiles(node);

    @AfterEach
    void remove() throws Exception {
        node.removeNode();
    }

    @Test
    void keepsTheNewestFirstWithoutDuplicatesAndAtMostTen() {
        for (int i = 0; i < 12; i++) {
            recent.add(Path.of("/r/" + i + ".jfr"));
        }
        recent.add(Path.of("/r/5.jfr"));
        List<Path> l = recent.list();
        assertEquals(RecentFiles.MAX, l.size());
        assertEquals(Path.of("/r/5.jfr"), l.get(0));
        assertEquals(Path.of("/r/11.jfr"), l.get(1));
        assertEquals(1, l.stream().filter(p -> p.equals(Path.of("/r/5.jfr"))).count());
        recent.remove(Path.of("/r/11.jfr"));
        assertEquals(RecentFiles.MAX - 1, new RecentFiles(node).list().size(), "stored, not just in memory");
        assertEquals(List.of(), recent.clear());
    }

    @Test
    void storesAbsolutePaths() {
        recent.add(Path.of("relative.jfr"));
        assertEquals(Path.of("relative.jfr").toAbsolutePath(), recent.list().get(0));
    }
}
