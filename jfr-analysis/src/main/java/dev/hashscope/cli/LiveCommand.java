package dev.hashscope.cli;

import dev.hashscope.flame.EventFilter;
import dev.hashscope.live.JvmConnection;
import dev.hashscope.live.JvmConnector;
import dev.hashscope.live.LiveException;
import dev.hashscope.live.LiveSession;
import dev.hashscope.live.LiveSnapshot;
import dev.hashscope.live.LiveTarget;
import dev.hashscope.live.LocalJvms;
import dev.hashscope.live.MethodTiming;
import dev.hashscope.live.SessionTotals;
import dev.hashscope.report.ReportJson;
import dev.hashscope.report.ReportMarkdown;
import dev.hashscope.report.ReportText;
import dev.hashscope.summary.Durations;
import dev.hashscope.text.Format;
import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code hashscope live PID|URL|HOST:PORT [--duration 30s] [--json|--markdown] [-o recording.jfr]}: the headless
 * twin of the app's live view. Streams for the duration (or until the target goes away), then prints the same
 * report {@code analyze} prints, and saves what arrived when asked. The password for {@code --user} comes from
 * {@code HASHSCOPE_JMX_PASSWORD} or a prompt, never from the command line (other users can read that).
 */
final class LiveCommand {
    static final String PASSWORD_ENV = "HASHSCOPE_JMX_PASSWORD";

    private final PrintStream out;
    private final PrintStream err;

    LiveCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** @return the exit code: OK, or LIVE when the target could not be reached or went away early */
    int run(List<String> args) throws UsageException, IOException {
        Options o = Options.parse(args, Set.of("--duration", "-o", "--report", "--user", "--window-events"),
                Set.of("--json", "--markdown", "--tls", "--list"));
        if (o.has("--list")) {
            list();
            return Main.OK;
        }
        if (o.positional().size() != 1) {
            throw new UsageException("live takes one target: a pid, a JMX service URL or host:port (or --list)");
        }
        if (o.has("--json") && o.has("--markdown")) {
            throw new UsageException("--json and --markdown exclude each other");
        }
        Duration duration = duration(o.get("--duration"));
        LiveTarget target = target(o.positional().get(0), o.get("--user"), o.has("--tls"));
        if (target instanceof LiveTarget.Remote r && r.user() == null && !r.loopback()) {
            err.println("hashscope: warning: connecting to " + r.host() + " without authentication; anyone who "
                    + "can reach that port can control that JVM (use --user and TLS on untrusted networks)");
        }
        JvmConnection connection;
        try {
            connection = new JvmConnector().connect(target);
        } catch (LiveException e) {
            err.println("hashscope: " + e.getMessage());
            return Main.LIVE;
        }
        err.println("hashscope: streaming " + connection.info().label() + " for " + duration.toSeconds() + " s …");
        int maxEvents = o.positiveInt("--window-events", 5_000_000);
        LiveSession.Options options = LiveSession.Options.defaults()
                .withWindow(duration.plusMinutes(1), maxEvents);
        LiveSession session;
        try {
            session = LiveSession.start(connection, options, null);
        } catch (LiveException e) {
            err.println("hashscope: " + e.getMessage());
            return Main.LIVE;
        }
        try (session) {
            boolean lost = stream(session, duration);
            LiveSnapshot snapshot = session.snapshot(EventFilter.ALL);
            summary(session, snapshot);
            if (o.get("-o") != null) {
                Path dest = Path.of(o.get("-o"));
                try {
                    int chunks = session.save(dest);
                    err.printf(Locale.ROOT, "hashscope: saved %d chunk%s to %s%n", chunks, chunks == 1 ? "" : "s", dest);
                } catch (IOException e) {
                    err.println("hashscope: could not save the recording: " + e.getMessage());
                }
            }
            String name = "live " + snapshot.target().label();
            String report = o.has("--json") ? ReportJson.toJson(snapshot.result(), name)
                    : o.has("--markdown") ? ReportMarkdown.render(snapshot.result(), name)
                    : ReportText.render(snapshot.result(), name);
            if (o.get("--report") != null) {
                Files.writeString(Path.of(o.get("--report")), report, StandardCharsets.UTF_8);
            } else {
                out.print(report);
                out.flush();
            }
            return lost ? Main.LIVE : Main.OK;
        }
    }

    /** Streams until the duration is over or the target is gone; true when it went away. */
    private boolean stream(LiveSession session, Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        long nextProgress = System.nanoTime() + 5_000_000_000L;
        try {
            while (System.nanoTime() < end) {
                if (session.status().state() != LiveSession.State.STREAMING) {
                    LiveSession.Status s = session.status();
                    err.println("hashscope: disconnected at " + s.since() + ": " + s.message()
                            + "; reporting what arrived");
                    return true;
                }
                Thread.sleep(100);
                if (System.nanoTime() > nextProgress) {
                    nextProgress += 5_000_000_000L;
                    long[] lag = session.lagMillis();
                    err.printf(Locale.ROOT, "hashscope: %,d events · arrival lag p50 %d ms, p99 %d ms%n",
                            session.received(), lag[0], lag[1]);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    private void summary(LiveSession session, LiveSnapshot s) {
        SessionTotals t = s.totals();
        long[] lag = session.lagMillis();
        double span = Math.max(1e-9, Duration.between(session.started(), java.time.Instant.now()).toNanos() / 1e9);
        err.printf(Locale.ROOT, "hashscope: received %,d events in %.1f s (%,.0f/s); arrival lag p50 %d ms, p99 %d ms; "
                        + "analysis of %,d events took %d ms%n", t.events(), span, t.events() / span, lag[0], lag[1],
                s.retainedEvents(), s.computeMillis());
        if (s.droppedEvents() > 0) {
            err.printf(Locale.ROOT, "hashscope: the window dropped the oldest %,d events (before %.1f s); "
                    + "raise --window-events or save with -o and analyze the file%n", s.droppedEvents(),
                    s.retainedFromSeconds());
        }
        for (MethodTiming m : s.methodTimings()) {
            err.printf(Locale.ROOT, "hashscope: method timing %s: %,d calls, avg %s, max %s%n", m.method(),
                    m.invocations(), Format.nanos(m.averageNanos()), Format.nanos(m.maximumNanos()));
        }
    }

    private void list() {
        List<LocalJvms.LocalJvm> jvms = LocalJvms.list(3000);
        if (jvms.isEmpty()) {
            out.println("No other JVM of this user is running (or none allows attach).");
            return;
        }
        out.printf("%-8s %-10s %s%n", "PID", "JAVA", "MAIN");
        for (LocalJvms.LocalJvm j : jvms) {
            out.printf("%-8d %-10s %s%n", j.pid(), j.javaVersion(), j.displayName());
        }
    }

    static LiveTarget target(String spec, String user, boolean tls) throws UsageException {
        if (spec.matches("\\d+")) {
            if (user != null || tls) {
                throw new UsageException("--user and --tls are for remote targets, not a local pid");
            }
            return new LiveTarget.Local(Long.parseLong(spec));
        }
        if (!spec.startsWith("service:jmx:") && !spec.matches(".+:\\d+")) {
            throw new UsageException("'" + spec + "' is not a pid, a JMX service URL or host:port");
        }
        char[] password = null;
        if (user != null) {
            String env = System.getenv(PASSWORD_ENV);
            if (env != null) {
                password = env.toCharArray();
            } else {
                Console console = System.console();
                if (console == null) {
                    throw new UsageException("--user needs the password in " + PASSWORD_ENV
                            + " when there is no terminal to ask on");
                }
                password = console.readPassword("JMX password for %s: ", user);
            }
        }
        return new LiveTarget.Remote(spec, user, password, tls);
    }

    static Duration duration(String v) throws UsageException {
        if (v == null) {
            return Duration.ofSeconds(30);
        }
        Long nanos = Durations.parseNanos(v.trim());
        if (nanos == null || nanos <= 0) {
            throw new UsageException("--duration takes a time like 30s, 2m or 500ms, not '" + v + "'");
        }
        return Duration.ofNanos(nanos);
    }
}
