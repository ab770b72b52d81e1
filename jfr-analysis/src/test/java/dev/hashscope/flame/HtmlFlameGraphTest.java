package dev.hashscope.flame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hashscope.event.FrameType;
import dev.hashscope.event.Symbols;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlFlameGraphTest {
    static final String EVIL = "</script><script>alert(1)</script>";
    /** A class with quotes and a method name with every kind of character the escaping must handle. */
    static final String QUOTED_CLASS = "com.example.\"quotes\"'single'";
    static final String ODD_METHOD = "odd\u2028line\u2029sep\\back\u0000nul\u0001\u007f\u0085\ufeff\u202e"
            + "\ud83d\ude00\ud800&amp;";
    static final String ODD_LABEL = QUOTED_CLASS + "." + ODD_METHOD;

    @TempDir
    Path tmp;

    /*
     * Thread.run > App.run > HashMap.put > HashMap.putVal > HashMap.resize   30
     * Thread.run > App.run > HashMap.get > HashMap.getNode                   50
     * Thread.run > App.run > HashMap.get                                      5
     * Thread.run > App.run > EVIL (native)                                   10
     * Thread.run > ODD_LABEL                                                  4
     * [no stack trace]                                                        1
     */
    static FlameTree sampleTree() {
        Symbols s = new Symbols();
        int thread = frame(s, "java.lang.Thread", "run");
        int app = frame(s, "com.example.App", "run");
        int put = frame(s, "java.util.HashMap", "put");
        int putVal = frame(s, "java.util.HashMap", "putVal");
        int resize = frame(s, "java.util.HashMap", "resize");
        int get = frame(s, "java.util.HashMap", "get");
        int getNode = frame(s, "java.util.HashMap", "getNode");
        int evil = frame(s, "", EVIL);
        int odd = frame(s, QUOTED_CLASS, ODD_METHOD);
        StackWeights w = new StackWeights();
        w.add(stack(s, resize, putVal, put, app, thread), 30);
        w.add(stack(s, getNode, get, app, thread), 50);
        w.add(stack(s, get, app, thread), 5);
        w.add(stack(s, evil, app, thread), 10);
        w.add(stack(s, odd, thread), 4);
        w.add(Symbols.NO_STACK, 1);
        return FlameTree.build(FlameKind.CPU, w, s);
    }

    static int frame(Symbols s, String className, String method) {
        return s.frame(s.method(className, method), 1, FrameType.JIT_COMPILED);
    }

    static int stack(Symbols s, int... framesTopFirst) {
        return s.stack(framesTopFirst, framesTopFirst.length, false);
    }

    @Test
    void hostileNamesOnlyAppearEscaped() {
        String html = HtmlFlameGraph.toString(sampleTree(), "run 1");

        assertTrue(html.contains("\"java.util.HashMap.resize\""), "plain labels are plain string literals");
        assertTrue(html.contains("\"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e\""), html);
        assertTrue(html.contains("\"com.example.\\u0022quotes\\u0022\\u0027single\\u0027.odd\\u2028line\\u2029sep"
                + "\\u005cback\\u0000nul\\u0001\\u007f\\u0085\\ufeff\\u202e\\ud83d\\ude00\\ud800\\u0026amp;\""), html);

        assertFalse(html.contains("<script>alert"));
        assertFalse(html.contains("alert(1)<"));
        assertFalse(html.contains("\"quotes\""));
        assertFalse(html.contains("'single'"));
        for (int i = 0; i < html.length(); i++) {
            char c = html.charAt(i);
            if (c >= 0x7f || c < 0x20 && c != '\n') {
                fail("raw U+" + Integer.toHexString(c) + " at " + i + ": "
                        + html.substring(Math.max(0, i - 40), Math.min(html.length(), i + 40)));
            }
        }
    }

    @Test
    void oneScriptElementAndNothingFetched() {
        String html = HtmlFlameGraph.toString(sampleTree(), "run 1");
        String lower = html.toLowerCase(Locale.ROOT);

        assertEquals(1, count(lower, "<script"));
        assertEquals(1, count(lower, "</script"));
        String script = script(html);
        assertFalse(script.contains("</"), "nothing in the script may look like an end tag");
        assertFalse(script.contains("<!--"), "a comment opener would change how the script element is parsed");
        for (String network : List.of("http://", "https://", "src=", "href=", "url(", "@import", "//cdn")) {
            assertFalse(lower.contains(network), network);
        }
        assertFalse(script.contains("innerHTML"), "names reach the DOM only as text");
    }

    @Test
    void titleIsHtmlEscaped() {
        String title = "A <b>&\"'</title><script>x()</script>\n\u0007\u00e9\ud83d\ude00\udc00";
        String html = HtmlFlameGraph.toString(sampleTree(), title);
        String escaped = "A &lt;b&gt;&amp;&quot;&#39;&lt;/title&gt;&lt;script&gt;x()&lt;/script&gt;"
                + " &#xFFFD;&#xE9;&#x1F600;&#xFFFD;";

        assertTrue(html.contains("<title>" + escaped + "</title>"), html.substring(0, 600));
        assertTrue(html.contains("<h1>" + escaped + "</h1>"));
        assertEquals(1, count(html, "<title>"));
        assertTrue(HtmlFlameGraph.toString(sampleTree(), null).contains("<title>Flame graph</title>"));
    }

    @Test
    void embeddedDataMatchesTheTree() {
        FlameTree tree = sampleTree();
        String html = HtmlFlameGraph.toString(tree, "t");
        List<Integer> order = new ArrayList<>();
        preorder(tree, tree.root(), order);

        List<String> names = parseStrings(between(html, "names:[", "],\n"));
        List<Long> up = numbers(between(html, "up:[", "]"));
        List<Long> name = numbers(between(html, "name:[", "]"));
        List<Long> total = numbers(between(html, "total:[", "]"));
        List<Long> self = numbers(between(html, "self:[", "]"));
        String cat = between(html, "cat:\"", "\"");

        assertEquals(100, total.get(0));
        assertEquals(tree.nodeCount(), total.size());
        assertEquals(new HashSet<>(names).size(), names.size(), "the string table holds each label once");
        for (int k = 0; k < order.size(); k++) {
            int node = order.get(k);
            assertEquals(tree.label(node), names.get(name.get(k).intValue()), "label of " + k);
            assertEquals(tree.total(node), total.get(k), "total of " + tree.label(node));
            assertEquals(tree.self(node), self.get(k), "self of " + tree.label(node));
            if (k > 0) {
                assertEquals(tree.parent(node), order.get(k - up.get(k).intValue()), "parent of " + tree.label(node));
            }
        }
        // Children sort by label: '[' before 'j', '"' before 'A', '<' before 'j'.
        assertEquals(List.of("all", FlameTree.NO_STACK_LABEL, "java.lang.Thread.run", ODD_LABEL, "com.example.App.run",
                EVIL, "java.util.HashMap.get", "java.util.HashMap.getNode", "java.util.HashMap.put",
                "java.util.HashMap.putVal", "java.util.HashMap.resize"), order.stream().map(tree::label).toList());
        assertEquals("33100322222", cat);
        assertTrue(html.contains("{kind:\"cpu\",unit:\"samples\",events:6,"));
    }

    @Test
    void categories() {
        assertEquals(HtmlFlameGraph.MAP, HtmlFlameGraph.category("java.util.HashMap", "java.util.HashMap.resize"));
        assertEquals(HtmlFlameGraph.MAP, HtmlFlameGraph.category("java.util.concurrent.ConcurrentHashMap$TreeBin",
                "java.util.concurrent.ConcurrentHashMap$TreeBin.find"));
        assertEquals(HtmlFlameGraph.JDK, HtmlFlameGraph.category("java.util.ArrayList", "java.util.ArrayList.add"));
        for (String jdk : List.of("javax.crypto.Cipher", "jdk.internal.misc.Unsafe", "sun.nio.ch.Net", "com.sun.Foo")) {
            assertEquals(HtmlFlameGraph.JDK, HtmlFlameGraph.category(jdk, jdk + ".m"), jdk);
        }
        assertEquals(HtmlFlameGraph.APPLICATION, HtmlFlameGraph.category("com.example.App", "com.example.App.run"));
        assertEquals(HtmlFlameGraph.APPLICATION, HtmlFlameGraph.category("javafx.Foo", "javafx.Foo.m"));
        assertEquals(HtmlFlameGraph.NATIVE, HtmlFlameGraph.category("", "Unsafe_Park"));
        assertEquals(HtmlFlameGraph.NATIVE, HtmlFlameGraph.category("", FlameTree.NO_STACK_LABEL));
        assertEquals(HtmlFlameGraph.NATIVE, HtmlFlameGraph.category("java.lang.Foo", "[truncated stack]"));
    }

    @Test
    void jsStringsEscapeExactlyTheDangerousCharacters() {
        StringBuilder sb = new StringBuilder();
        HtmlFlameGraph.appendJsString(sb, "a.B$c_1 (x)/;");
        assertEquals("\"a.B$c_1 (x)/;\"", sb.toString());
        sb.setLength(0);
        HtmlFlameGraph.appendJsString(sb, "<>&'\"\\\u2028\u2029\n\u001f\u007f\u00e9\ud83d\ude00");
        assertEquals("\"\\u003c\\u003e\\u0026\\u0027\\u0022\\u005c\\u2028\\u2029\\u000a\\u001f\\u007f\\u00e9"
                + "\\ud83d\\ude00\"", sb.toString());
    }

    @Test
    void emptyTreeStillRenders() {
        String html = HtmlFlameGraph.toString(FlameTree.empty(FlameKind.ALLOC), "empty");
        assertTrue(html.contains("{kind:\"alloc\",unit:\"bytes\",events:0,\nnames:[\"all\"],\nup:[0],\nname:[0],"
                + "\ntotal:[0],\nself:[0],\ncat:\"3\"}"), html);
    }

    @Test
    void weightsAreShownInReadableUnits() throws Exception {
        assumeTrue(nodeAvailable(), "node is not installed");
        assertEquals("Kind: alloc | Total: 0 B | 0 events | 1 nodes",
                runInNode(HtmlFlameGraph.toString(FlameTree.empty(FlameKind.ALLOC), "empty")).first("info"));
        assertEquals("Total: 1.50 GB", headerTotal(FlameKind.ALLOC, 3L << 29));
        assertEquals("Total: 1.5 KB", headerTotal(FlameKind.ALLOC, 1536));
        assertEquals("Total: 2.50 ms", headerTotal(FlameKind.LOCK, 2_500_000));
        assertEquals("Total: 3.00 s", headerTotal(FlameKind.PARK, 3_000_000_000L));
        assertEquals("Total: 1,234,567 samples", headerTotal(FlameKind.CPU, 1_234_567));
    }

    String headerTotal(FlameKind kind, long weight) throws IOException {
        Symbols s = new Symbols();
        StackWeights w = new StackWeights();
        w.add(stack(s, frame(s, "com.example.App", "main")), weight);
        return runInNode(HtmlFlameGraph.toString(FlameTree.build(kind, w, s), "units")).first("info").split(" [|] ")[1];
    }

    @Test
    void largeTreeStaysCompact() throws IOException {
        FlameTree tree = syntheticTree();
        assertTrue(tree.nodeCount() >= 100_000, "nodes: " + tree.nodeCount());
        String html = HtmlFlameGraph.toString(tree, "synthetic");
        int data = between(html, "const D=", ";\n").length();
        System.out.printf("HtmlFlameGraph: %,d nodes, %,d distinct labels -> page %,d bytes"
                        + " (data %,d, %.1f bytes/node)%n",
                tree.nodeCount(), numbers(between(html, "name:[", "]")).stream().distinct().count(), html.length(),
                data, (double) data / tree.nodeCount());
        assertTrue(html.length() < 4_000_000, "page of " + html.length() + " bytes");
        List<Long> total = numbers(between(html, "total:[", "]"));
        assertEquals(tree.total(tree.root()), total.get(0));
        if (nodeAvailable()) {
            Run run = runInNode(html);
            assertEquals(String.valueOf(tree.total(tree.root())), run.first("rootTotal"));
            assertEquals("Kind: park | Total: 108.93 s | 4,400 events | 101,672 nodes", run.first("info"));
            assertFalse(run.all("text").isEmpty(), "labels are drawn");
        }
    }

    @Test
    void scriptPassesNodeSyntaxCheck() throws Exception {
        assumeTrue(nodeAvailable(), "node is not installed");
        Path file = tmp.resolve("page.js");
        Files.writeString(file, script(HtmlFlameGraph.toString(sampleTree(), "syntax")), StandardCharsets.UTF_8);
        Process p = new ProcessBuilder("node", "--check", file.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "node --check did not finish");
        assertEquals(0, p.exitValue(), output);
    }

    /**
     * Runs the page's script in node against a minimal DOM and canvas stand-in: proves that a JS engine
     * reads the escaped names back exactly, and that drawing, search, zoom, Esc and flipping work.
     */
    @Test
    void pageWorksInAJavaScriptEngine() throws Exception {
        assumeTrue(nodeAvailable(), "node is not installed");
        FlameTree tree = sampleTree();
        Run run = runInNode(HtmlFlameGraph.toString(tree, "behaviour"), SAMPLE_ACTIONS);

        Set<String> labels = new HashSet<>();
        for (int n = 0; n < tree.nodeCount(); n++) {
            labels.add(tree.label(n));
        }
        assertEquals(labels, new HashSet<>(run.all("name")));
        assertEquals("100", run.first("rootTotal"));
        assertEquals("Kind: cpu | Total: 100 samples | 6 events | 11 nodes", run.first("info"));
        List<String> drawn = run.all("text");
        assertTrue(drawn.contains("</script><sc\u2026"), "too long for its 100 px, cut to fit: " + drawn);
        assertTrue(drawn.contains("\"qu\u2026"), "no room for the package, then cut: " + drawn);
        assertTrue(drawn.contains("java.util.HashMap.getNode"), "drawn: " + drawn);
        assertEquals("all", run.first("tipTop"));

        // HashMap.getNode is nested in HashMap.get: counted once, as part of get's 55.
        assertEquals("Matched 55 samples = 55.00% of all (2 frames)", run.first("match"));

        assertEquals("all > java.lang.Thread.run", run.first("crumbs"));
        assertEquals("false", run.first("resetDisabled"));
        assertEquals("Matched 55 samples = 55.00% of all, 55.56% of zoomed frame (2 frames)", run.first("zoomedMatch"));
        assertEquals("com.example.App.run", run.first("tipRow2"));
        assertEquals("Total: 95 samples (95.00% of all, 95.96% of zoomed)", run.first("tipRow2Total"));

        assertEquals("all > java.lang.Thread.run > com.example.App.run", run.first("deeper"));
        assertEquals("all > java.lang.Thread.run", run.first("crumbClicked"));
        assertEquals("all resetDisabled=true", run.first("ancestorClicked"));

        assertEquals("crumbs=all search= match= resetDisabled=true", run.first("afterEscape"));
        assertEquals("8", run.first("rootY"));
        assertEquals("all", run.first("tipBottomFlipped"));
        assertEquals(String.valueOf(5 * 16 + 8), run.first("rootYFlipped"), "six rows, the root in the last");
        assertEquals("java.lang.Thread.run", run.first("tipTopFlipped"));

        // 400 px: HashMap.put gets 120, too narrow for its package but not for class and method.
        assertTrue(run.all("narrowText400").containsAll(List.of("java.util.HashMap.get", "HashMap.put",
                "HashMap.resize")), "drawn: " + run.all("narrowText400"));
        assertEquals("11", run.first("rects400"));
        assertEquals("10", run.first("rects40"), "at 40 px the no-stack frame is 0.4 px: culled");
    }

    // ---- helpers ----

    /** About 100k nodes: random stacks 8 to 47 deep over 5000 methods, skewed so some deep paths are wide. */
    static FlameTree syntheticTree() {
        Symbols s = new Symbols();
        Random random = new Random(42);
        String[] classes = {"java.util.HashMap", "java.util.concurrent.ConcurrentHashMap", "java.lang.String",
            "jdk.internal.misc.Unsafe", "", "com.example.orders.OrderBook", "com.example.orders.Matcher",
            "com.example.net.Codec", "org.acme.cache.Loader", "org.acme.util.Pool"};
        int[] methods = new int[5000];
        for (int i = 0; i < methods.length; i++) {
            methods[i] = s.method(classes[i % classes.length], "method" + i + (i % 7 == 0 ? "$lambda$" + i : ""));
        }
        StackWeights w = new StackWeights();
        int[] path = new int[48];
        int[] frames = new int[48];
        for (int k = 0; k < 4_400; k++) {
            int depth = 8 + random.nextInt(40);
            for (int d = 0; d < depth; d++) {
                // Few callees near the root, more further up, the first ones far more often: like real profiles.
                int choice = (int) (Math.min(2 + 3 * d, 60) * Math.pow(random.nextDouble(), 2.5));
                path[d] = s.frame(methods[(d * 577 + choice * 13) % methods.length], d, FrameType.JIT_COMPILED);
            }
            for (int d = 0; d < depth; d++) {
                frames[d] = path[depth - 1 - d];
            }
            w.add(s.stack(frames, depth, false), 1_000 + random.nextInt(50_000_000));
        }
        return FlameTree.build(FlameKind.PARK, w, s);
    }

    static void preorder(FlameTree tree, int node, List<Integer> out) {
        out.add(node);
        for (int i = 0; i < tree.childCount(node); i++) {
            preorder(tree, tree.child(node, i), out);
        }
    }

    static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    static String between(String s, String start, String end) {
        int from = s.indexOf(start);
        assertTrue(from >= 0, "missing " + start);
        from += start.length();
        return s.substring(from, s.indexOf(end, from));
    }

    static String script(String html) {
        return between(html, "<script>", "</script>");
    }

    static List<Long> numbers(String commaSeparated) {
        List<Long> out = new ArrayList<>();
        for (String part : commaSeparated.split(",")) {
            out.add(Long.parseLong(part));
        }
        return out;
    }

    /** Reads the string table back; the writer emits no escapes but unicode ones, so this is all a reader needs. */
    static List<String> parseStrings(String literals) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("\"([^\"]*)\"").matcher(literals);
        while (m.find()) {
            String body = m.group(1);
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < body.length(); i++) {
                char c = body.charAt(i);
                if (c == '\\') {
                    assertEquals('u', body.charAt(i + 1), body);
                    sb.append((char) Integer.parseInt(body.substring(i + 2, i + 6), 16));
                    i += 5;
                } else {
                    sb.append(c);
                }
            }
            out.add(sb.toString());
        }
        return out;
    }

    static Boolean nodeAvailable;

    static synchronized boolean nodeAvailable() {
        if (nodeAvailable == null) {
            try {
                Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                nodeAvailable = p.waitFor(1, TimeUnit.MINUTES) && p.exitValue() == 0;
            } catch (IOException e) {
                nodeAvailable = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                nodeAvailable = false;
            }
        }
        return nodeAvailable;
    }

    /** Output of the harness: key=value lines, values hex-encoded as UTF-16 units so any label survives. */
    record Run(List<String[]> lines) {
        List<String> all(String key) {
            List<String> out = new ArrayList<>();
            for (String[] kv : lines) {
                if (kv[0].equals(key)) {
                    out.add(kv[1]);
                }
            }
            return out;
        }

        String first(String key) {
            List<String> values = all(key);
            assertFalse(values.isEmpty(), "no " + key + " in " + lines.size() + " lines");
            return values.get(0);
        }
    }

    Run runInNode(String html) throws IOException {
        return runInNode(html, "");
    }

    Run runInNode(String html, String actions) throws IOException {
        Path file = Files.createTempFile(tmp, "page", ".js");
        String harness = HARNESS_PREFIX + script(html) + REPORT + actions;
        Files.writeString(file, harness, StandardCharsets.UTF_8);
        Process p = new ProcessBuilder("node", file.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(2, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                fail("node did not finish");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(e);
        }
        assertEquals(0, p.exitValue(), output);
        List<String[]> lines = new ArrayList<>();
        for (String line : output.split("\n")) {
            int eq = line.indexOf('=');
            assertTrue(eq > 0, "unexpected output: " + line);
            StringBuilder value = new StringBuilder();
            for (String unit : line.substring(eq + 1).split(" ")) {
                if (!unit.isEmpty()) {
                    value.append((char) Integer.parseInt(unit, 16));
                }
            }
            lines.add(new String[] {line.substring(0, eq), value.toString()});
        }
        return new Run(lines);
    }

    /** Just enough DOM and canvas for the page: elements remember listeners, the context records text. */
    static final String HARNESS_PREFIX = """
            const drawnTexts = [];
            let rects = 0;
            const context = {
              setTransform() {},
              fillRect() { rects++; },
              fillText(text, x, y) { drawnTexts.push({ text, x, y }); },
              measureText(s) { return { width: 7 * s.length }; }
            };
            function element() {
              return {
                style: {}, children: [], listeners: {}, textContent: '', value: '', hidden: false, disabled: false,
                checked: false, clientWidth: 1000, offsetWidth: 200, offsetHeight: 60,
                addEventListener(type, f) { (this.listeners[type] = this.listeners[type] || []).push(f); },
                appendChild(c) { this.children.push(c); return c; },
                replaceChildren(...c) { this.children = c; },
                getBoundingClientRect() { return { left: 0, top: 0 }; },
                getContext() { return context; },
                blur() {}
              };
            }
            const elements = {};
            globalThis.document = {
              getElementById: id => elements[id] || (elements[id] = element()),
              createElement: () => element()
            };
            const win = element();
            win.devicePixelRatio = 2;
            win.innerWidth = 1200;
            win.innerHeight = 800;
            globalThis.window = win;
            globalThis.requestAnimationFrame = f => f();

            const fire = (target, type, ev) => (target.listeners[type] || []).forEach(f => f(ev || {}));
            const hex = v => {
              const s = String(v);
              return Array.from({ length: s.length }, (_, k) => s.charCodeAt(k).toString(16)).join(' ');
            };
            const out = (key, value) => console.log(key + '=' + hex(value));
            const el = id => document.getElementById(id);
            const tipName = () => el('tip').children[0].textContent;
            const crumbs = () => el('crumbs').children.map(c => c.textContent).join('');
            const move = (x, y) => fire(el('graph'), 'mousemove', { clientX: x, clientY: y });
            """;

    /** Appended after the page's script: what it read and drew on load. */
    static final String REPORT = """

            D.names.forEach(s => out('name', s));
            out('rootTotal', D.total[0]);
            out('info', el('info').textContent);
            drawnTexts.forEach(d => out('text', d.text));
            """;

    /** Clicks, searches and keys on {@link #sampleTree()}, reporting what the page shows after each. */
    static final String SAMPLE_ACTIONS = """
            const rootY = () => drawnTexts.filter(d => d.text === 'all').pop().y;
            out('rootY', rootY());
            move(500, 3);
            out('tipTop', tipName());

            el('search').value = 'HASHMAP.GET';
            fire(el('search'), 'input');
            out('match', el('match').textContent);

            fire(el('graph'), 'click', { clientX: 500, clientY: 16 + 3 });
            out('crumbs', crumbs());
            out('resetDisabled', el('reset').disabled);
            out('zoomedMatch', el('match').textContent);
            move(500, 2 * 16 + 3);
            out('tipRow2', tipName());
            out('tipRow2Total', el('tip').children[1].textContent);
            fire(el('graph'), 'click', { clientX: 500, clientY: 2 * 16 + 3 });
            out('deeper', crumbs());
            fire(el('crumbs').children[2], 'click');
            out('crumbClicked', crumbs());
            fire(el('graph'), 'click', { clientX: 500, clientY: 3 });
            out('ancestorClicked', crumbs() + ' resetDisabled=' + el('reset').disabled);
            fire(el('graph'), 'click', { clientX: 500, clientY: 16 + 3 });

            fire(window, 'keydown', { key: 'Escape' });
            out('afterEscape', 'crumbs=' + crumbs() + ' search=' + el('search').value
              + ' match=' + el('match').textContent + ' resetDisabled=' + el('reset').disabled);

            el('flip').checked = true;
            fire(el('flip'), 'change');
            const height = parseInt(el('graph').style.height, 10);
            move(500, height - 3);
            out('tipBottomFlipped', tipName());
            out('rootYFlipped', rootY());
            move(500, height - 16 - 3);
            out('tipTopFlipped', tipName());

            const narrow = width => {
              el('graph').clientWidth = width;
              const texts = drawnTexts.length;
              rects = 0;
              fire(window, 'resize');
              drawnTexts.slice(texts).forEach(d => out('narrowText' + width, d.text));
              out('rects' + width, rects);
            };
            narrow(400);
            narrow(40);
            """;
}
