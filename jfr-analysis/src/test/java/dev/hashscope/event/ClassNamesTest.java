package dev.hashscope.event;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClassNamesTest {
    @ParameterizedTest
    @CsvSource({
            "dev.hashscope.samples.Workers$$Lambda$102+0x00007fc3e400bc40.1891502635, dev.hashscope.samples.Workers$$Lambda",
            "com.acme.Foo$$Lambda/0x000001000104a000, com.acme.Foo$$Lambda",
            "com.acme.Foo$$Lambda+0x000001000104a000, com.acme.Foo$$Lambda",
            "com.acme.Foo$$Lambda$14/1234567, com.acme.Foo$$Lambda",
            "dev.hashscope.samples.Workers$$Lambda.0x000000008c048000, dev.hashscope.samples.Workers$$Lambda",
            "com.acme.Foo$$Lambda$14/0x0000000800066840, com.acme.Foo$$Lambda",
            "java.lang.invoke.LambdaForm$MH/0x0000000800c0c400, java.lang.invoke.LambdaForm$MH",
            "java.lang.invoke.LambdaForm$DMH+0x0000000800c0c400.123, java.lang.invoke.LambdaForm$DMH",
            "java.util.HashMap$TreeNode, java.util.HashMap$TreeNode",
            "com.acme.Outer$1, com.acme.Outer$1",
            "com.acme.Plain, com.acme.Plain",
            "[Ljava.util.HashMap$Node;, java.util.HashMap$Node[]",
            "[[J, long[][]",
            "[Ljava.lang.Object;, java.lang.Object[]",
            "[B, byte[]"})
    void stripsPerRunAddressesFromHiddenClasses(String recorded, String expected) {
        assertEquals(expected, ClassNames.normalize(recorded));
    }
}
