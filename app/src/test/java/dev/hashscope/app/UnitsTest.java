package dev.hashscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class UnitsTest {
    @Test
    void mapOperationsReadAsTheyAreCalled() {
        assertEquals("merge", Units.operation("MERGE"));
        assertEquals("computeIfAbsent", Units.operation("COMPUTE_IF_ABSENT"));
        assertEquals("containsKey", Units.operation("CONTAINS"));
        assertEquals("<init>", Units.operation("CONSTRUCT"));
        assertEquals("customOp", Units.operation("customOp"), "a name it does not know stays as it is");
        assertEquals("", Units.operation(null));
    }
}
