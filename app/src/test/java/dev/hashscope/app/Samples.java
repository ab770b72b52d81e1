package dev.hashscope.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** The committed sample recordings (tests run in the module directory) and broken files made from them. */
public final class Samples {
    public static final Path DIR = Path.of("..", "sample-recordings", "recordings");

    private Samples() {
    }

    public static Path get(String name) {
        Path p = DIR.resolve(name);
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("missing committed sample recording " + p.toAbsolutePath());
        }
        return p;
    }

    public static Path hashtable() {
        return get("hashtable-contention.jfr");
    }

    public static Path empty(Path dir) throws IOException {
        return Files.write(dir.resolve("empty.jfr"), new byte[0]);
    }

    public static Path notJfr(Path dir) throws IOException {
        return Files.writeString(dir.resolve("notes.jfr"), "these are my notes, not a recording\n");
    }

    /** The first half of a one-chunk recording: no complete chunk at all. */
    public static Path cutShort(Path dir) throws IOException {
        byte[] b = Files.readAllBytes(hashtable());
        return Files.write(dir.resolve("cut.jfr"), Arrays.copyOf(b, b.length / 2));
    }

    /** A complete recording followed by half of another: readable, with a truncated tail. */
    public static Path truncatedTail(Path dir) throws IOException {
        byte[] whole = Files.readAllBytes(hashtable());
        byte[] other = Files.readAllBytes(get("healthy-control.jfr"));
        byte[] b = Arrays.copyOf(whole, whole.length + other.length / 2);
        System.arraycopy(other, 0, b, whole.length, other.length / 2);
        return Files.write(dir.resolve("truncated.jfr"), b);
    }
}
