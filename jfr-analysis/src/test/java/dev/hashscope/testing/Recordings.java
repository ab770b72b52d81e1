package dev.hashscope.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/** Where the committed sample recordings and the shared third-party recordings are. */
public final class Recordings {
    /** Tests run with the module directory as working directory (see the parent pom). */
    public static final Path SAMPLES = Path.of("..", "sample-recordings", "recordings");
    /** Recordings made by other tools; present beside the project in CI, absent in a user's clone. */
    public static final Path SHARED = Path.of("..", "..", "shared", "recordings");

    private Recordings() {
    }

    public static Path sample(String name) {
        Path p = SAMPLES.resolve(name);
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("missing committed sample recording " + p.toAbsolutePath());
        }
        return p;
    }

    public static List<Path> samples() throws IOException {
        try (Stream<Path> s = Files.list(SAMPLES)) {
            return s.filter(p -> p.toString().endsWith(".jfr")).sorted().toList();
        }
    }

    /** A shared recording; skips the calling test when ../shared is not there. */
    public static Path shared(String name) {
        Path p = SHARED.resolve(name);
        Assumptions.assumeTrue(Files.isRegularFile(p), "shared recording not present: " + p);
        return p;
    }
}
