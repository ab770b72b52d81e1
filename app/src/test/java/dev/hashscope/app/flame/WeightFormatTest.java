package dev.hashscope.app.flame;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class WeightFormatTest {
    @Test
    void nanosecondsScaleToMicroMilliAndSeconds() {
        assertEquals("999 ns", WeightFormat.format(999, "ns"));
        assertEquals("1.5 \u00b5s", WeightFormat.format(1_500, "ns"));
        assertEquals("12.35 ms", WeightFormat.format(12_345_678, "ns"));
        assertEquals("3.00 s", WeightFormat.format(3_000_000_000L, "ns"));
    }

    @Test
    void bytesScaleByPowersOfTwo() {
        assertEquals("1023 B", WeightFormat.format(1023, "bytes"));
        assertEquals("1.5 KB", WeightFormat.format(1536, "bytes"));
        assertEquals("2.00 MB", WeightFormat.format(2L << 20, "bytes"));
        assertEquals("1.50 GB", WeightFormat.format(3L << 29, "bytes"));
    }

    @Test
    void samplesAreCounted() {
        assertEquals("1,234,567 samples", WeightFormat.format(1_234_567, "samples"));
    }

    @Test
    void percentOfNothingIsNotANumber() {
        assertEquals("12.50%", WeightFormat.percent(1, 8));
        assertEquals("n/a", WeightFormat.percent(1, 0));
    }
}
