package dev.hashscope.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hashscope.flame.EventFilter;
import dev.hashscope.samples.HashtableContention;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live side of hardening, on real child JVMs: a frozen target (SIGSTOP) ends in DISCONNECTED within a bound
 * with what arrived kept and saveable; a JMX agent with TLS and password authentication works with the right
 * password and refuses the wrong one with one clear line; the password never appears in what a session prints.
 */
class LiveHardeningTest {
    @TempDir
    static Path tls;

    private static final String PASSWORD = "s3cret-pw";

    @BeforeAll
    static void makeKeysAndTrust() throws Exception {
        // A throw-away key pair for the child's TLS agent; this JVM trusts it (nothing else here uses TLS).
        Path store = tls.resolve("agent.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "agent", "-keyalg", "RSA", "-keysize", "2048",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "keytool made a key pair");
        System.setProperty("javax.net.ssl.trustStore", store.toString());
        System.setProperty("javax.net.ssl.trustStorePassword", "changeit");
        System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");

        Path passwords = tls.resolve("jmxremote.password");
        Files.writeString(passwords, "ops " + PASSWORD + "\n");
        Files.setPosixFilePermissions(passwords, PosixFilePermissions.fromString("rw-------"));
        Path access = tls.resolve("jmxremote.access");
        Files.writeString(access, "ops readwrite\n");
        Files.setPosixFilePermissions(access, PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void aFrozenTargetEndsDisconnectedWithinTheBoundAndWhatArrivedIsKept() throws Exception {
        try (ChildJvm child = ChildJvm.start(HashtableContention.class, 120, false)) {
            JvmConnection c = LiveSessionTest.connectWithRetry(new LiveTarget.Local(child.pid()));
            LiveSession.Options o = LiveSession.Options.defaults()
                    .withTimeouts(Duration.ofMillis(500), Duration.ofSeconds(3));
            try (LiveSession s = LiveSession.start(c, o, null)) {
                LiveSessionTest.awaitContention(s);
                child.signal("STOP");
                long stopped = System.nanoTime();
                while (s.status().state() == LiveSession.State.STREAMING
                        && System.nanoTime() - stopped < TimeUnit.SECONDS.toNanos(15)) {
                    Thread.sleep(100);
                }
                assertEquals(LiveSession.State.DISCONNECTED, s.status().state(), "disconnected within 15 s");
                assertTrue(s.status().message().contains("did not answer"), s.status().message());
                // Snapshots and saving do not need the frozen target.
                assertTrue(LiveSessionTest.contention(s.snapshot(EventFilter.ALL).result()) != null);
                Path saved = tls.resolve("frozen.jfr");
                assertTrue(s.save(saved) >= 1);
                try (RecordingFile rf = new RecordingFile(saved)) {
                    assertTrue(rf.hasMoreEvents());
                }
            }
        }
    }

    @Test
    void tlsWithPasswordAuthenticationStreamsAndAWrongPasswordIsOneClearLine() throws Exception {
        Path store = tls.resolve("agent.p12");
        List<String> agent = List.of("-Dcom.sun.management.jmxremote.ssl=true",
                "-Dcom.sun.management.jmxremote.registry.ssl=true",
                "-Djavax.net.ssl.keyStore=" + store, "-Djavax.net.ssl.keyStorePassword=changeit",
                "-Djavax.net.ssl.keyStoreType=PKCS12",
                "-Djavax.net.ssl.trustStore=" + store, "-Djavax.net.ssl.trustStorePassword=changeit",
                "-Djavax.net.ssl.trustStoreType=PKCS12",
                "-Dcom.sun.management.jmxremote.authenticate=true",
                "-Dcom.sun.management.jmxremote.password.file=" + tls.resolve("jmxremote.password"),
                "-Dcom.sun.management.jmxremote.access.file=" + tls.resolve("jmxremote.access"));
        try (ChildJvm child = ChildJvm.startWithAgent(HashtableContention.class, 120, agent)) {
            LiveTarget.Remote wrong = new LiveTarget.Remote(child.jmxUrl(), "ops", "nope".toCharArray(), true);
            // Wait until the agent listens (a refused connection), then expect the credentials to be refused.
            LiveException refused = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                try {
                    new JvmConnector(Duration.ofSeconds(10)).connect(wrong).close();
                    throw new AssertionError("a wrong password was accepted");
                } catch (LiveException e) {
                    refused = e;
                    if (!e.getMessage().contains("cannot connect")) {
                        break; // got past "nothing listening yet"
                    }
                    Thread.sleep(300);
                }
            }
            assertTrue(refused.getMessage().contains("refused the credentials")
                    || refused.getMessage().contains("Authentication failed"), refused.getMessage());
            assertFalse(refused.getMessage().contains("\n"));
            assertFalse(refused.getMessage().contains("nope"), "the password is never echoed");

            LiveTarget.Remote right = new LiveTarget.Remote(child.jmxUrl(), "ops", PASSWORD.toCharArray(), true);
            JvmConnection c = LiveSessionTest.connectWithRetry(right);
            assertEquals(child.pid(), c.info().pid());
            try (LiveSession s = LiveSession.start(c, LiveSession.Options.defaults(), null)) {
                LiveSessionTest.awaitContention(s);
                assertFalse(s.liveTarget().toString().contains(PASSWORD));
            }
        }
    }

    @Test
    void plainConnectionsToATlsAgentFailWithAMessage() throws Exception {
        LiveException e = assertThrows(LiveException.class, () -> new JvmConnector(Duration.ofSeconds(3))
                .connect(new LiveTarget.Remote("10.255.255.1:9010", null, null, false)));
        // An address that drops packets: bounded by the connector's time limit, one line.
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }
}
