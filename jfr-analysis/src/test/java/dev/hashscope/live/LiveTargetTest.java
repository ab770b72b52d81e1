package dev.hashscope.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LiveTargetTest {
    @Test
    void hostAndPortBecomeTheStandardRmiConnectorUrl() {
        LiveTarget.Remote r = new LiveTarget.Remote(" db1:9010 ", null, null, false);
        assertEquals("service:jmx:rmi:///jndi/rmi://db1:9010/jmxrmi", r.serviceUrl());
        assertEquals("db1", r.host());
        assertFalse(r.loopback());
        assertTrue(new LiveTarget.Remote("localhost:9010", null, null, false).loopback());
        assertTrue(new LiveTarget.Remote("service:jmx:rmi:///jndi/rmi://127.0.0.1:1/jmxrmi", null, null, false)
                .loopback());
    }

    @Test
    void thePasswordIsNeverPrinted() {
        LiveTarget.Remote r = new LiveTarget.Remote("db1:9010", "ops", "s3cret".toCharArray(), true);
        assertFalse(r.toString().contains("s3cret"), r.toString());
        assertTrue(r.toString().contains("ops"));
    }

    @Test
    void featureVersionsOfOldAndNewJdks() {
        assertEquals(8, TargetInfo.feature("1.8"));
        assertEquals(17, TargetInfo.feature("17"));
        assertEquals(25, TargetInfo.feature("25.0.1"));
        assertEquals(0, TargetInfo.feature("x"));
        assertEquals("dev.acme.Main", TargetInfo.mainClassOf("dev.acme.Main --port 8080"));
    }

    @Test
    void aPidWithNoProcessSaysSo() {
        long pid = ProcessHandle.current().pid() + 1_000_000;
        LiveException e = assertThrows(LiveException.class,
                () -> new JvmConnector(Duration.ofSeconds(10)).connect(new LiveTarget.Local(pid)));
        assertTrue(e.getMessage().contains("no process with pid"), e.getMessage());
    }

    @Test
    void hashscopeItselfIsNotATarget() {
        LiveException e = assertThrows(LiveException.class, () -> new JvmConnector(Duration.ofSeconds(10))
                .connect(new LiveTarget.Local(ProcessHandle.current().pid())));
        assertTrue(e.getMessage().contains("Hashscope itself"), e.getMessage());
    }

    @Test
    void nothingListeningGivesOneLineWithinTheTimeLimit() {
        long t0 = System.nanoTime();
        LiveException e = assertThrows(LiveException.class, () -> new JvmConnector(Duration.ofSeconds(10))
                .connect(new LiveTarget.Remote("127.0.0.1:1", null, null, false)));
        assertTrue(e.getMessage().startsWith("cannot connect to 127.0.0.1:1"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(12).toNanos());
    }

    @Test
    void theBundledSettingsHaveTheLowLockThresholds() {
        var s = LiveSession.hashscopeSettings();
        assertEquals("100 us", s.get("jdk.JavaMonitorEnter#threshold"));
        assertEquals("true", s.get("jdk.ObjectAllocationSample#enabled"));
    }
}
