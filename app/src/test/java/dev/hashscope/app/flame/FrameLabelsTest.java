package dev.hashscope.app.flame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class FrameLabelsTest {
    private static final String RESIZE = "java.util.HashMap.resize";

    @Test
    void fallsBackFromTheFullNameToClassAndMethodToACutWithAnEllipsis() {
        assertEquals(RESIZE, FrameLabels.fit(RESIZE, RESIZE.length()));
        assertEquals("HashMap.resize", FrameLabels.fit(RESIZE, RESIZE.length() - 1));
        assertEquals("HashMap.resize", FrameLabels.fit(RESIZE, 14));
        assertEquals("HashMap.resi\u2026", FrameLabels.fit(RESIZE, 13));
        assertEquals("Ha\u2026", FrameLabels.fit(RESIZE, 3));
        assertNull(FrameLabels.fit(RESIZE, 2));
    }

    @Test
    void shortNameKeepsNestedClassesAndNamesWithoutPackage() {
        assertEquals("ConcurrentHashMap$TreeBin.putTreeVal",
                FrameLabels.shortName("java.util.concurrent.ConcurrentHashMap$TreeBin.putTreeVal"));
        assertEquals("Main.main", FrameLabels.shortName("Main.main"));
        assertEquals("[truncated]", FrameLabels.shortName("[truncated]"));
    }

    @Test
    void doesNotSplitASurrogatePair() {
        String label = "a.B.x\uD83D\uDE00yz";
        // 4 characters: "x", then the emoji would be cut in half, so it is left out.
        assertEquals("B.x\u2026", FrameLabels.fit(label, 5));
    }

    @Test
    void controlCharactersBecomeReplacementCharacters() {
        assertEquals("a.B.line\uFFFDbreak", FrameLabels.printable("a.B.line\nbreak"));
        String clean = "a.B.<b>bold</b>_x";
        assertEquals(clean, FrameLabels.printable(clean));
    }

    @Test
    void methodOfDropsOnlyALineNumber() {
        assertEquals("dev.hashscope.samples.Inventory.record",
                FrameLabels.methodOf("dev.hashscope.samples.Inventory.record:28"));
        assertEquals("dev.hashscope.samples.Inventory.record",
                FrameLabels.methodOf("dev.hashscope.samples.Inventory.record"));
        assertEquals("weird:name", FrameLabels.methodOf("weird:name"));
    }
}
