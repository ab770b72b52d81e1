package dev.hashscope.app.live;

import dev.hashscope.app.MainViewModel;
import dev.hashscope.app.Units;
import dev.hashscope.app.analysis.AnalysisRequest;
import dev.hashscope.app.analysis.AnalysisSnapshot;
import dev.hashscope.app.task.TaskCallbacks;
import dev.hashscope.app.task.TaskRunner;
import dev.hashscope.live.JvmConnector;
import dev.hashscope.live.LiveException;
import dev.hashscope.live.LiveSession;
import dev.hashscope.live.LiveSnapshot;
import dev.hashscope.live.LiveTarget;
import dev.hashscope.live.MethodTiming;
import dev.hashscope.live.SessionTotals;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The live side of the window: connects to a JVM off the UI thread, feeds the main view-model's views from the
 * session (at most one recomputation per session notice, about once a second), pauses and resumes the display
 * without losing events, saves what arrived, stops, and reconnects. Call it from the UI thread; session
 * notices are handed over through {@code ui}.
 */
public final class LiveViewModel {
    /** Opens a session; a seam for tests. */
    public interface Opener {
        LiveSession open(LiveTarget target, LiveSession.Listener listener) throws LiveException;
    }

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final MainViewModel main;
    private final TaskRunner runner;
    private final Executor ui;
    private final Opener opener;

    private final ReadOnlyBooleanWrapper active = new ReadOnlyBooleanWrapper(this, "active");
    private final ReadOnlyBooleanWrapper connecting = new ReadOnlyBooleanWrapper(this, "connecting");
    private final ReadOnlyBooleanWrapper streaming = new ReadOnlyBooleanWrapper(this, "streaming");
    private final ReadOnlyBooleanWrapper paused = new ReadOnlyBooleanWrapper(this, "paused");
    private final ReadOnlyStringWrapper state = new ReadOnlyStringWrapper(this, "state", "");
    private final ReadOnlyStringWrapper timings = new ReadOnlyStringWrapper(this, "timings", "");

    private LiveSession session;
    /** The views show the session once its first events arrived (before that every detector would say "no events"). */
    private boolean shown;
    private LiveTarget lastTarget;
    private MainViewModel.LiveFeed feed;
    private boolean pendingWhilePaused;

    public LiveViewModel(MainViewModel main, TaskRunner runner, Executor ui, Opener opener) {
        this.main = main;
        this.runner = runner;
        this.ui = ui;
        this.opener = opener;
    }

    /** The real thing: {@link JvmConnector} and {@link LiveSession} with the default options. */
    public static Opener defaultOpener() {
        return (target, listener) -> LiveSession.start(new JvmConnector().connect(target),
                LiveSession.Options.defaults(), listener);
    }

    // ---- commands ----

    /** Connects to {@code target} and shows it live; the session shown before (if any) is closed. */
    public void attach(LiveTarget target) {
        if (connecting.get()) {
            return;
        }
        lastTarget = target;
        connecting.set(true);
        state.set("Connecting to " + target.label() + " …");
        main.status("Connecting to " + target.label() + " …");
        LiveSession.Listener listener = new LiveSession.Listener() {
            @Override
            public void updated() {
                ui.execute(LiveViewModel.this::onUpdate);
            }

            @Override
            public void disconnected(LiveSession.Status status) {
                ui.execute(LiveViewModel.this::onDisconnect);
            }
        };
        runner.run(ctx -> opener.open(target, listener), new TaskCallbacks<>() {
            @Override
            public void succeeded(LiveSession s) {
                connecting.set(false);
                begin(s);
            }

            @Override
            public void failed(Throwable e) {
                connecting.set(false);
                state.set(session == null ? "" : state.get());
                String message = e instanceof LiveException ? e.getMessage()
                        : "internal error: " + e.getClass().getSimpleName() + ": " + e.getMessage();
                main.status("Could not attach to " + target.label() + ".");
                main.error("attach to " + target.label(), message);
            }

            @Override
            public void cancelled() {
                connecting.set(false);
            }
        });
    }

    public void reconnect() {
        if (lastTarget != null && !streaming.get()) {
            attach(lastTarget);
        }
    }

    /** Stops streaming; what arrived stays shown and saveable. */
    public void stop() {
        if (session != null && streaming.get()) {
            LiveSession s = session;
            runner.run(ctx -> {
                s.stop();
                return null;
            }, TaskCallbacks.ignoring());
        }
    }

    /**
     * Inspect maps: loads the map probe into the streamed JVM (local pids only: the Attach API), so the Buckets
     * tab fills with its hash tables at the probe's next scan.
     */
    public void inspectMaps() {
        if (session == null || !streaming.get()) {
            return;
        }
        if (!(session.liveTarget() instanceof LiveTarget.Local local)) {
            main.error("Inspect maps", "loading the map probe needs a JVM on this machine (the Attach API); "
                    + "start a remote JVM with -javaagent:" + dev.hashscope.live.MapProbeLoader.JAR_NAME
                    + " instead (docs/map-probe.md)");
            return;
        }
        runner.run(ctx -> {
            dev.hashscope.live.MapProbeLoader.load(local.pid(), dev.hashscope.live.MapProbeLoader.findAgentJar(),
                    dev.hashscope.live.MapProbeLoader.LIVE_OPTIONS);
            return null;
        }, new TaskCallbacks<>() {
            @Override
            public void succeeded(Object value) {
                main.status("Map probe loaded into pid " + local.pid() + ": its hash tables appear in the Buckets "
                        + "tab at its next scan (every 5 s).");
            }

            @Override
            public void failed(Throwable e) {
                main.error("Inspect maps", e instanceof LiveException ? e.getMessage()
                        : e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        });
    }

    /** Holds the views still while events keep arriving; resume shows the newest. */
    public void setPaused(boolean pause) {
        paused.set(pause);
        updateState();
        if (!pause && pendingWhilePaused) {
            pendingWhilePaused = false;
            showOrRefresh();
        }
    }

    /** Writes what arrived so far as a .jfr; works after a disconnect. */
    public void save(Path destination) {
        if (session == null) {
            return;
        }
        LiveSession s = session;
        runner.run(ctx -> s.save(destination), new TaskCallbacks<>() {
            @Override
            public void succeeded(Integer chunks) {
                main.status(String.format(Locale.ROOT, "Saved %d chunk%s of the live recording to %s", chunks,
                        chunks == 1 ? "" : "s", destination));
            }

            @Override
            public void failed(Throwable e) {
                main.error(String.valueOf(destination.getFileName()), "could not save the live recording: "
                        + e.getMessage());
            }
        });
    }

    /** Closes the session for good (the window closes, or a file replaces it). */
    public void close() {
        if (session != null) {
            LiveSession s = session;
            session = null;
            closeInBackground(s);
        }
        active.set(false);
        streaming.set(false);
        state.set("");
    }

    /** Closing asks the target to stop its recordings, which a frozen target may take seconds to refuse. */
    private void closeInBackground(LiveSession s) {
        runner.run(ctx -> {
            s.close();
            return null;
        }, TaskCallbacks.ignoring());
    }

    // ---- session events (UI thread) ----

    private void begin(LiveSession s) {
        LiveSession before = session;
        session = s;
        if (before != null) {
            closeInBackground(before);
        }
        active.set(true);
        streaming.set(true);
        paused.set(false);
        shown = false;
        updateState();
        main.status("Connected to " + s.target().label() + "; waiting for the first events (the target flushes "
                + "them about once a second) …");
        feed = new MainViewModel.LiveFeed() {
            @Override
            public AnalysisSnapshot analyze(AnalysisRequest request) {
                return toSnapshot(s, request);
            }

            @Override
            public String describe(AnalysisSnapshot shown) {
                return LiveViewModel.this.describe(s);
            }

            @Override
            public void left() {
                if (session == s) {
                    close();
                }
            }
        };
    }

    private void showOrRefresh() {
        if (!shown) {
            shown = true;
            main.showLive("Live: " + session.target().label(), feed);
        } else {
            main.refreshLive();
        }
    }

    private void onUpdate() {
        if (session == null) {
            return;
        }
        if (paused.get()) {
            pendingWhilePaused = true;
            updateState();
            return;
        }
        updateState();
        showOrRefresh();
    }

    private void onDisconnect() {
        if (session == null) {
            return;
        }
        streaming.set(false);
        updateState();
        // One last view with everything that arrived, even while paused.
        showOrRefresh();
    }

    private void updateState() {
        if (session == null) {
            return;
        }
        // The session may have gone before its notice reached this thread: its status is the truth.
        streaming.set(session.status().state() == LiveSession.State.STREAMING);
        state.set(describe(session));
        timings.set(describeTimings(session.methodTimings()));
    }

    /**
     * One line of the target's own timing of the map methods (JDK 25+ {@code jdk.MethodTiming}: exact counts and
     * times, not samples), e.g. "HashMap.resize 1,204 calls, avg 2.1 µs, max 1.3 ms"; empty when there is none.
     */
    static String describeTimings(List<MethodTiming> timings) {
        StringBuilder b = new StringBuilder();
        for (MethodTiming m : timings) {
            if (m.invocations() <= 0) {
                continue;
            }
            b.append(b.length() == 0 ? "Timed by the JVM: " : " · ");
            String method = m.method();
            int dot = method.lastIndexOf('.', method.lastIndexOf('.') - 1);
            b.append(dot >= 0 ? method.substring(dot + 1) : method).append(' ')
                    .append(Units.count(m.invocations()))
                    .append(m.invocations() == 1 ? " call" : " calls")
                    .append(", avg ").append(Units.nanos(m.averageNanos()))
                    .append(", max ").append(Units.nanos(m.maximumNanos()));
        }
        return b.toString();
    }

    String describe(LiveSession s) {
        SessionTotals t = s.totals();
        LiveSession.Status st = s.status();
        String counts = String.format(Locale.ROOT, "%,d events over %s", t.events(),
                Units.seconds(t.spanSeconds()));
        return switch (st.state()) {
            case STREAMING -> (paused.get() ? "Live (display paused): " : "Live: ") + s.target().label() + " · "
                    + counts + (paused.get() ? "; Resume shows the newest" : "");
            case DISCONNECTED -> "Disconnected at " + LocalTime.ofInstant(st.since(), ZoneId.systemDefault())
                    .format(CLOCK) + " (" + st.message() + "): " + s.target().label() + " · " + counts
                    + " kept; Save Recording or Reconnect";
            case CLOSED -> "Closed.";
        };
    }

    /** The main views' snapshot type, from a session snapshot under the request's filter. */
    static AnalysisSnapshot toSnapshot(LiveSession s, AnalysisRequest request) {
        LiveSnapshot l = s.snapshot(request.filter());
        return new AnalysisSnapshot(request, l.result(), l.trees(), l.timeline(), l.locks(), l.buckets(),
                l.computeMillis());
    }

    // ---- state ----

    /** A session is shown (streaming or disconnected). */
    public ReadOnlyBooleanProperty activeProperty() {
        return active.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty connectingProperty() {
        return connecting.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty streamingProperty() {
        return streaming.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty pausedProperty() {
        return paused.getReadOnlyProperty();
    }

    /** One line: target, events, and whether it streams, is paused or disconnected. */
    public ReadOnlyStringProperty stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** The target's own timing of the map methods (JDK 25+ targets), one line; empty when not recorded. */
    public ReadOnlyStringProperty timingsProperty() {
        return timings.getReadOnlyProperty();
    }

    /** The session shown, or null. */
    public LiveSession session() {
        return session;
    }

    public boolean canReconnect() {
        return lastTarget != null && !streaming.get() && !connecting.get();
    }
}
