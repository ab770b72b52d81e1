package dev.hashscope.flame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hashscope.event.RecordingReader;
import dev.hashscope.testing.Recordings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The collapsed stacks of every committed sample recording, for every kind, against golden files: any
 * change in reading, interning, filtering or tree building shows up as a diff here.
 *
 * <p>After an intended change (or new recordings), regenerate with
 * {@code mvn -pl jfr-analysis test -Dtest=GoldenCollapsedTest -Dhashscope.updateGolden=true} and review the diff.
 */
class GoldenCollapsedTest {
    static final Path GOLDEN = Path.of("src", "test", "resources", "golden", "collapsed");
    static final boolean UPDATE = Boolean.getBoolean("hashscope.updateGolden");

    static Stream<Path> samples() throws Exception {
        return Recordings.samples().stream();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void collapsedStacksMatchTheGoldenFiles(Path recording) throws Exception {
        FlameTreeBuilder b = new FlameTreeBuilder(EventFilter.ALL);
        RecordingReader.standard().read(recording, b);
        String name = recording.getFileName().toString().replace(".jfr", "");
        for (FlameKind kind : FlameKind.values()) {
            String actual = CollapsedStacks.toString(b.tree(kind));
            Path golden = GOLDEN.resolve(name + "." + kind.cliName() + ".collapsed");
            if (UPDATE) {
                Files.createDirectories(GOLDEN);
                Files.writeString(golden, actual, StandardCharsets.UTF_8);
                continue;
            }
            assertTrue(Files.isRegularFile(golden), "no golden file " + golden
                    + "; run with -Dhashscope.updateGolden=true to create it");
            assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual, golden.toString());
        }
    }
}
