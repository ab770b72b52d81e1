package dev.hashscope.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hashscope.flame.EventFilter;
import dev.hashscope.report.ReportJson;
import dev.hashscope.testing.Recordings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JSON report of every committed sample recording against a golden file, so that any change in what a
 * detector says (numbers, wording, ranking) is a reviewed diff. Regenerate after an intended change with
 * {@code mvn -pl jfr-analysis test -Dtest=GoldenReportsTest -Dhashscope.updateGolden=true}.
 */
class GoldenReportsTest {
    static final Path GOLDEN = Path.of("src", "test", "resources", "golden", "reports");

    static Stream<Path> samples() throws Exception {
        return Recordings.samples().stream();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void reportMatchesTheGoldenFile(Path recording) throws Exception {
        String name = recording.getFileName().toString();
        String actual = ReportJson.toJson(Analyzer.standard().analyze(recording, EventFilter.ALL), name);
        Path golden = GOLDEN.resolve(name.replace(".jfr", ".json"));
        if (Boolean.getBoolean("hashscope.updateGolden")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
            return;
        }
        assertTrue(Files.isRegularFile(golden), "no golden file " + golden + "; run with -Dhashscope.updateGolden=true");
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual, golden.toString());
    }
}
