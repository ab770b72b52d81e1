package dev.hashscope.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The recording the app opens when started without a file: {@code hashtable-contention.jfr}, copied into the
 * app's jar at build time from {@code sample-recordings/recordings/} (not kept twice in git). The reader needs a
 * file, so the resource is extracted once per run to a temporary file.
 */
public final class BundledSample {
    public static final String RESOURCE = "/dev/hashscope/app/samples/hashtable-contention.jfr";
    public static final String DISPLAY_NAME = "hashtable-contention.jfr (bundled sample)";
    public static final String NOTE = "This is a bundled sample recording (Hashtable contention). "
            + "Open your own with File → Open or drag a .jfr here.";
    private static Path extracted;

    private BundledSample() {
    }

    public static boolean available() {
        return BundledSample.class.getResource(RESOURCE) != null;
    }

    /** The sample as a file; extracted on first use and deleted when the JVM exits. */
    public static synchronized Path file() {
        if (extracted != null && Files.isRegularFile(extracted)) {
            return extracted;
        }
        try (InputStream in = BundledSample.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("the app was built without its sample recording (" + RESOURCE + ")");
            }
            Path dir = Files.createTempDirectory("hashscope-sample");
            // Deleted in reverse order of registration: the file, then its directory.
            dir.toFile().deleteOnExit();
            Path f = dir.resolve("hashtable-contention.jfr");
            f.toFile().deleteOnExit();
            Files.copy(in, f, StandardCopyOption.REPLACE_EXISTING);
            extracted = f;
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
