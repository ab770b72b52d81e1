package dev.hashscope.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The mutation fuzzer in the normal test run: 2,000 damaged copies of the committed recordings, a fixed seed,
 * in a JVM of its own with a small heap, so that the heap bound is the JVM's and a hostile input that allocates
 * without bound fails with {@link OutOfMemoryError} here instead of passing on a test JVM with gigabytes.
 * Long runs: {@code scripts/fuzz.sh} (see {@link FuzzCampaign}).
 */
class RecordingFuzzTest {
    static final int CASES = 2000;
    static final long SEED = 20261123;
    static final int HEAP_MB = 128;
    static final long CASE_TIMEOUT_MS = 10_000;

    @Test
    void damagedRecordingsGiveAResultOrOneClearErrorInBoundedTimeAndHeap() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process p = new ProcessBuilder(java, "-Xmx" + HEAP_MB + "m", "-cp", cp, FuzzCampaign.class.getName(),
                "--cases", Integer.toString(CASES), "--seed", Long.toString(SEED), "--jdk-every", "4",
                "--timeout-ms", Long.toString(CASE_TIMEOUT_MS), "--corpus", "../sample-recordings/recordings")
                .redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "the fuzz JVM did not end");
        // The fast reader logs (INFO) each file it hands to the JDK's parser; that is expected, not a finding.
        List<String> lines = new String(out, StandardCharsets.UTF_8).lines()
                .filter(l -> !l.contains("INFO") && !l.contains("read by the JDK parser"))
                .collect(Collectors.toList());
        String report = String.join("\n", lines);
        String summary = lines.stream().filter(l -> l.startsWith("fuzz seed")).findFirst().orElse(report);
        System.out.println(summary);
        assertEquals(0, p.exitValue(), report);
        assertTrue(summary.contains(CASES + " cases") && summary.contains(" 0 failed, 0 timed out"), report);
    }
}
