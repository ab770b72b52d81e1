package dev.hashscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hashscope.live.LiveTarget;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LiveCommandTest {
    @Test
    void targetsArePidsUrlsOrHostAndPort() throws Exception {
        assertEquals(new LiveTarget.Local(4242), LiveCommand.target("4242", null, false));
        assertInstanceOf(LiveTarget.Remote.class, LiveCommand.target("db1:9010", null, false));
        assertInstanceOf(LiveTarget.Remote.class,
                LiveCommand.target("service:jmx:rmi:///jndi/rmi://db1:9010/jmxrmi", null, true));
        assertThrows(UsageException.class, () -> LiveCommand.target("db1", null, false));
        assertThrows(UsageException.class, () -> LiveCommand.target("4242", "ops", false));
    }

    @Test
    void durationsTakeJfrUnits() throws Exception {
        assertEquals(Duration.ofSeconds(30), LiveCommand.duration(null));
        assertEquals(Duration.ofSeconds(10), LiveCommand.duration("10s"));
        assertEquals(Duration.ofMinutes(2), LiveCommand.duration("2m"));
        assertEquals(Duration.ofMillis(500), LiveCommand.duration("500 ms"));
        assertThrows(UsageException.class, () -> LiveCommand.duration("soon"));
        assertThrows(UsageException.class, () -> LiveCommand.duration("0s"));
    }

    @Test
    void anUnreachableTargetExitsWithTheLiveCodeAndOneLine() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[]{"live", "127.0.0.1:1", "--duration", "1s"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(Main.LIVE, code);
        String msg = err.toString(StandardCharsets.UTF_8);
        assertTrue(msg.startsWith("hashscope: cannot connect to 127.0.0.1:1"), msg);
        assertEquals(1, msg.lines().count(), msg);
    }

    @Test
    void usageErrorsAreUsageErrors() {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertEquals(Main.USAGE, Main.run(new String[]{"live"}, sink, sink));
        assertEquals(Main.USAGE, Main.run(new String[]{"live", "1", "--json", "--markdown"}, sink, sink));
    }
}
