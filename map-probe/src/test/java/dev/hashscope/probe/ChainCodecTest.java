package dev.hashscope.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ChainCodecTest {
    @Test
    void runsOfEqualValuesAreWrittenOnce() {
        assertEquals("0*3,2,1*2", ChainCodec.encode(new int[] {0, 0, 0, 2, 1, 1}));
        assertArrayEquals(new int[] {0, 0, 0, 2, 1, 1}, ChainCodec.decode("0*3,2,1*2"));
    }

    @Test
    void emptyVector() {
        assertEquals("", ChainCodec.encode(new int[0]));
        assertArrayEquals(new int[0], ChainCodec.decode(""));
    }

    @Test
    void encodesOnlyThePrefixAskedFor() {
        assertEquals("7,1", ChainCodec.encode(new int[] {7, 1, 5}, 2));
    }
}
