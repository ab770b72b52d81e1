package dev.hashscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hashscope.detect.Analyzer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The engine ({@code jfr-analysis}) cannot see JavaFX: no class of it refers to a {@code javafx.*} type, and its
 * build declares no JavaFX dependency. Checked on the engine classes this module actually runs with (the
 * reactor's {@code target/classes}, or the installed jar), by scanning each class file's constant pool, where
 * every referenced type is named ({@code javafx/scene/Node}, {@code Ljavafx/beans/Observable;}).
 */
class ArchitectureTest {
    private static final byte[] JAVAFX = "javafx/".getBytes(StandardCharsets.US_ASCII);

    @Test
    void noEngineClassRefersToJavaFx() throws Exception {
        Path engine = Path.of(Analyzer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> offenders = new ArrayList<>();
        int scanned = 0;
        if (Files.isDirectory(engine)) {
            try (Stream<Path> files = Files.walk(engine)) {
                for (Path p : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                    scanned++;
                    if (mentionsJavaFx(Files.readAllBytes(p))) {
                        offenders.add(engine.relativize(p).toString());
                    }
                }
            }
        } else {
            try (JarFile jar = new JarFile(engine.toFile())) {
                for (JarEntry e : jar.stream().filter(e -> e.getName().endsWith(".class")).toList()) {
                    scanned++;
                    try (InputStream in = jar.getInputStream(e)) {
                        if (mentionsJavaFx(in.readAllBytes())) {
                            offenders.add(e.getName());
                        }
                    }
                }
            }
        }
        assertTrue(scanned > 50, "scanned the engine's classes at " + engine + ": " + scanned);
        assertEquals(List.of(), offenders, "engine classes referring to JavaFX");
    }

    @Test
    void theEngineBuildHasNoJavaFxDependency() throws IOException {
        String pom = Files.readString(Path.of("..", "jfr-analysis", "pom.xml"));
        assertTrue(pom.contains("<artifactId>jfr-analysis</artifactId>"), "the engine's pom");
        assertFalse(pom.contains("org.openjfx"), "jfr-analysis/pom.xml names org.openjfx");
        assertFalse(pom.contains("<artifactId>javafx"), "jfr-analysis/pom.xml depends on a javafx-* artifact");
        assertFalse(pom.contains("jfreechart") || pom.contains("testfx"), "jfr-analysis/pom.xml names a UI library");
    }

    @Test
    void theScanFindsAJavaFxReference() throws Exception {
        try (InputStream in = ArchitectureTest.class.getResourceAsStream("/dev/hashscope/app/MainView.class")) {
            assertTrue(mentionsJavaFx(in.readAllBytes()), "the check would catch a class that uses JavaFX");
        }
    }

    static boolean mentionsJavaFx(byte[] classFile) {
        outer:
        for (int i = 0; i + JAVAFX.length <= classFile.length; i++) {
            for (int j = 0; j < JAVAFX.length; j++) {
                if (classFile[i + j] != JAVAFX[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
