package dev.hashscope.report;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.hashscope.detect.AnalysisResult;
import dev.hashscope.detect.Evidence;
import dev.hashscope.detect.Finding;
import dev.hashscope.event.RecordingLayout;
import dev.hashscope.flame.EventFilter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The JSON report, schema {@value #SCHEMA} (documented in docs/report-schema.md). Built as an explicit tree
 * so key order is fixed and numbers are rounded: the same recording always gives the same bytes, which
 * makes reports diffable and lets tests compare them with golden files.
 */
public final class ReportJson {
    public static final String SCHEMA = "hashscope.report/1";
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping()
            .serializeNulls().create();

    private ReportJson() {
    }

    /** The report for {@code result}; {@code fileName} names the recording (no directories, for stability). */
    public static String toJson(AnalysisResult result, String fileName) {
        JsonObject root = new JsonObject();
        root.addProperty("schema", SCHEMA);
        root.add("recording", recording(result, fileName));
        root.add("filter", filter(result.filter()));
        JsonArray findings = new JsonArray();
        for (Finding f : result.findings()) {
            findings.add(finding(f));
        }
        root.add("findings", findings);
        return GSON.toJson(root) + "\n";
    }

    private static JsonObject recording(AnalysisResult result, String fileName) {
        RecordingLayout l = result.recording().layout();
        JsonObject o = new JsonObject();
        o.addProperty("file", fileName);
        o.addProperty("format", l.formatVersion());
        o.addProperty("chunks", l.chunks().size());
        o.addProperty("bytes", l.fileSize());
        // Millisecond precision in UTC: enough to find the moment, and stable across parsers.
        o.addProperty("start", Instant.ofEpochSecond(0, l.startNanos()).truncatedTo(ChronoUnit.MILLIS).toString());
        o.add("durationSeconds", number(l.durationNanos() / 1e9, 3));
        // A JVMInformation event can lack its version (a damaged string pool): null, as when there is no event.
        String jvm = result.recording().jvm() == null ? null : result.recording().jvm().jvmVersion();
        o.add("jvm", jvm == null ? JsonNull.INSTANCE : new JsonPrimitive(jvm));
        if (l.truncated()) {
            JsonObject t = new JsonObject();
            t.addProperty("completeBytes", l.completeBytes());
            t.addProperty("skippedBytes", l.skippedBytes());
            t.addProperty("reason", l.skipReason());
            o.add("truncated", t);
        } else {
            o.add("truncated", JsonNull.INSTANCE);
        }
        if (l.repeatedChunks() > 0) {
            o.addProperty("repeatedChunks", l.repeatedChunks());
        }
        return o;
    }

    private static JsonObject filter(EventFilter f) {
        JsonObject o = new JsonObject();
        o.add("thread", f.threadPattern() == null ? JsonNull.INSTANCE : new JsonPrimitive(f.threadPattern().pattern()));
        o.add("fromSeconds", f.fromNanos() == Long.MIN_VALUE ? JsonNull.INSTANCE : number(f.fromNanos() / 1e9, 3));
        o.add("toSeconds", f.toNanos() == Long.MAX_VALUE ? JsonNull.INSTANCE : number(f.toNanos() / 1e9, 3));
        return o;
    }

    static JsonObject finding(Finding f) {
        JsonObject o = new JsonObject();
        o.addProperty("detector", f.detector());
        o.addProperty("severity", f.severity().name());
        o.addProperty("score", f.score());
        o.addProperty("title", f.title());
        o.addProperty("summary", f.summary());
        o.addProperty("explanation", f.explanation());
        o.addProperty("fix", f.fix());
        o.add("evidence", evidence(f.evidence()));
        return o;
    }

    private static JsonObject evidence(Evidence e) {
        JsonObject o = new JsonObject();
        JsonArray metrics = new JsonArray();
        for (Evidence.Metric m : e.metrics()) {
            JsonObject j = new JsonObject();
            j.addProperty("name", m.name());
            j.add("value", number(m.value(), 4));
            j.addProperty("unit", m.unit().name());
            metrics.add(j);
        }
        o.add("metrics", metrics);
        JsonArray sites = new JsonArray();
        for (Evidence.CallSite c : e.callSites()) {
            JsonObject j = new JsonObject();
            j.addProperty("frame", c.frame());
            j.addProperty("mapKind", c.mapKind());
            j.addProperty("operation", c.operation());
            j.addProperty("count", c.count());
            j.add("weight", number(c.weight(), 0));
            j.addProperty("unit", c.unit().name());
            j.addProperty("p50Nanos", c.p50Nanos());
            j.addProperty("p99Nanos", c.p99Nanos());
            j.addProperty("maxNanos", c.maxNanos());
            j.addProperty("threads", c.threads());
            j.add("share", number(c.share(), 4));
            JsonArray stack = new JsonArray();
            c.stack().forEach(stack::add);
            j.add("stack", stack);
            sites.add(j);
        }
        o.add("callSites", sites);
        JsonArray monitors = new JsonArray();
        for (Evidence.Monitor m : e.monitors()) {
            JsonObject j = new JsonObject();
            j.addProperty("class", m.className());
            j.addProperty("address", "0x" + Long.toHexString(m.address()));
            j.addProperty("count", m.count());
            j.addProperty("totalNanos", m.totalNanos());
            j.addProperty("maxNanos", m.maxNanos());
            j.addProperty("holderFrame", m.holderFrame());
            monitors.add(j);
        }
        o.add("monitors", monitors);
        JsonArray windows = new JsonArray();
        for (Evidence.TimeWindow w : e.windows()) {
            JsonObject j = new JsonObject();
            j.add("startSeconds", number(w.startSeconds(), 3));
            j.add("endSeconds", number(w.endSeconds(), 3));
            j.addProperty("label", w.label());
            windows.add(j);
        }
        o.add("windows", windows);
        JsonArray notes = new JsonArray();
        e.notes().forEach(notes::add);
        o.add("notes", notes);
        return o;
    }

    /** A number rounded to {@code decimals} places, written without exponent or trailing zeros. */
    static JsonElement number(double v, int decimals) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return JsonNull.INSTANCE;
        }
        BigDecimal d = BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_EVEN).stripTrailingZeros();
        if (d.scale() < 0) {
            d = d.setScale(0);
        }
        return new JsonPrimitive(d);
    }
}
