package dev.hashscope.app.flame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class FrameCategoryTest {
    @Test
    void categorisesByClass() {
        assertEquals(FrameCategory.MAP, FrameCategory.of("java.util.HashMap", "java.util.HashMap.resize"));
        assertEquals(FrameCategory.MAP, FrameCategory.of("java.util.concurrent.ConcurrentHashMap$TreeBin",
                "java.util.concurrent.ConcurrentHashMap$TreeBin.find"));
        assertEquals(FrameCategory.JDK, FrameCategory.of("java.util.ArrayList", "java.util.ArrayList.add"));
        assertEquals(FrameCategory.JDK, FrameCategory.of("sun.nio.ch.IOUtil", "sun.nio.ch.IOUtil.read"));
        assertEquals(FrameCategory.NATIVE_OR_SYNTHETIC, FrameCategory.of("", "__memmove_avx"));
        assertEquals(FrameCategory.NATIVE_OR_SYNTHETIC, FrameCategory.of("", "[truncated]"));
        assertEquals(FrameCategory.APPLICATION, FrameCategory.of("com.acme.Orders", "com.acme.Orders.add"));
        // "javafx." is not "java.": the prefix includes the dot.
        assertEquals(FrameCategory.APPLICATION, FrameCategory.of("javafx.scene.Node", "javafx.scene.Node.layout"));
    }

    @Test
    void convertsCssHslToRgb() {
        assertEquals(0xff0000, FrameCategory.hslToRgb(0, 1, 0.5));
        assertEquals(0x336699, FrameCategory.hslToRgb(210, 0.5, 0.4));
        assertEquals(0xa3a3a3, FrameCategory.hslToRgb(0, 0, 0.64));
    }

    @Test
    void hashIsThePagesFnv1a() {
        // FNV-1a of "a" is 0xe40c292c.
        assertEquals(0xe40c292cL / 4294967296.0, FrameCategory.hash("a"), 0);
    }

    @Test
    void aNameKeepsItsColourAndNamesDiffer() {
        FrameCategory app = FrameCategory.APPLICATION;
        assertEquals(app.rgb("com.acme.Orders.add"), app.rgb(new String("com.acme.Orders.add")));
        assertNotEquals(app.rgb("com.acme.Orders.add"), app.rgb("com.acme.Orders.remove"));
        assertNotEquals(FrameCategory.MAP.rgb("x.Y.z"), FrameCategory.JDK.rgb("x.Y.z"));
    }
}
