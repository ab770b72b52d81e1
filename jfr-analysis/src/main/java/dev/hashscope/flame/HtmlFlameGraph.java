package dev.hashscope.flame;

import dev.hashscope.mapop.MapKind;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a tree as one self-contained, interactive HTML flame graph: the data and a small canvas renderer
 * are inlined, nothing is fetched, so the file opens offline and can be mailed or attached to a ticket.
 *
 * <p>Frame names come from the profiled program and may contain anything, including markup. They only
 * ever reach the page as JavaScript string literals in which every character that could end the script
 * element or the literal is a unicode escape (backslash, 'u', four hex digits), and the page shows them
 * only through {@code textContent} and canvas {@code fillText}. The whole page is ASCII, so it survives
 * whatever charset the writer uses.
 */
public final class HtmlFlameGraph {
    /** Frame categories, as stored per node in the page; the script's palette is indexed by them. */
    static final int APPLICATION = 0;
    static final int JDK = 1;
    static final int MAP = 2;
    static final int NATIVE = 3;

    private HtmlFlameGraph() {
    }

    public static void write(FlameTree tree, String title, Writer out) throws IOException {
        String t = title == null || title.isBlank() ? "Flame graph" : title;
        // A node costs about 20 characters of data (parent delta, name index, total, self, category).
        StringBuilder sb = new StringBuilder(PAGE_HEAD.length() + SCRIPT.length() + 24 * tree.nodeCount() + 1024);
        sb.append(PAGE_HEAD.replace("@TITLE@", htmlText(t)));
        sb.append("<script>\nconst D=");
        appendData(tree, sb);
        sb.append(";\n").append(SCRIPT).append("</script>\n</body>\n</html>\n");
        out.append(sb);
    }

    public static String toString(FlameTree tree, String title) {
        StringWriter w = new StringWriter();
        try {
            write(tree, title, w);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    /**
     * The tree as a JS object literal. Nodes are renumbered in preorder so that a subtree is a contiguous
     * range the page can derive from the parents alone; parents are stored as the distance back to the
     * parent, mostly one or two digits. JS numbers hold weights exactly up to 2^53 (about 104 days of
     * summed nanoseconds); beyond that only the lowest digits round.
     */
    static void appendData(FlameTree tree, StringBuilder sb) {
        int[] order = preorder(tree);
        int n = order.length;
        int[] rank = new int[n];
        for (int k = 0; k < n; k++) {
            rank[order[k]] = k;
        }
        Map<String, Integer> nameIds = new HashMap<>();
        List<String> names = new ArrayList<>();
        int[] nameOf = new int[n];
        for (int k = 0; k < n; k++) {
            nameOf[k] = nameIds.computeIfAbsent(tree.label(order[k]), l -> {
                names.add(l);
                return names.size() - 1;
            });
        }

        sb.append("{kind:");
        appendJsString(sb, tree.kind().cliName());
        sb.append(",unit:");
        appendJsString(sb, tree.kind().unit());
        sb.append(",events:").append(tree.eventCount());
        sb.append(",\nnames:[");
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            appendJsString(sb, names.get(i));
        }
        sb.append("],\nup:[0");
        for (int k = 1; k < n; k++) {
            sb.append(',').append(k - rank[tree.parent(order[k])]);
        }
        sb.append("],\nname:[");
        for (int k = 0; k < n; k++) {
            sb.append(k == 0 ? "" : ",").append(nameOf[k]);
        }
        sb.append("],\ntotal:[");
        for (int k = 0; k < n; k++) {
            sb.append(k == 0 ? "" : ",").append(tree.total(order[k]));
        }
        sb.append("],\nself:[");
        for (int k = 0; k < n; k++) {
            sb.append(k == 0 ? "" : ",").append(tree.self(order[k]));
        }
        // One digit per node: a string is half the size of a number array.
        sb.append("],\ncat:\"");
        for (int k = 0; k < n; k++) {
            sb.append((char) ('0' + category(tree.className(order[k]), tree.label(order[k]))));
        }
        sb.append("\"}");
    }

    /** Node ids depth-first, children in the tree's (name) order; iterative, as stacks can be 2048 frames deep. */
    static int[] preorder(FlameTree tree) {
        int n = tree.nodeCount();
        int[] order = new int[n];
        int[] stack = new int[n];
        int sp = 0;
        int k = 0;
        stack[sp++] = tree.root();
        while (sp > 0) {
            int node = stack[--sp];
            order[k++] = node;
            for (int i = tree.childCount(node) - 1; i >= 0; i--) {
                stack[sp++] = tree.child(node, i);
            }
        }
        return order;
    }

    static int category(String className, String label) {
        if (className.isEmpty() || label.startsWith("[")) {
            return NATIVE;
        }
        if (MapKind.isMapClass(className)) {
            return MAP;
        }
        if (className.startsWith("java.") || className.startsWith("javax.") || className.startsWith("jdk.")
                || className.startsWith("sun.") || className.startsWith("com.sun.")) {
            return JDK;
        }
        return APPLICATION;
    }

    /**
     * A double-quoted JS string literal that is safe inside a script element: markup characters, quotes,
     * backslash, controls, U+2028/U+2029 (line terminators to older JS engines) and all other non-ASCII
     * become unicode escapes. Escaping UTF-16 units one by one keeps lone surrogates intact, which
     * an encoder would turn into '?'.
     */
    static void appendJsString(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c >= 0x7f || c == '<' || c == '>' || c == '&' || c == '\'' || c == '"' || c == '\\') {
                sb.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf])
                        .append(HEX[c >> 4 & 0xf]).append(HEX[c & 0xf]);
            } else {
                sb.append(c);
            }
        }
        sb.append('"');
    }

    /**
     * Text for an HTML element body or attribute, in ASCII. Control characters would be parse errors as
     * character references, so line breaks become spaces and the rest U+FFFD, as do lone surrogates.
     */
    static String htmlText(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            switch (cp) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                case '\t', '\n', '\r', '\f' -> sb.append(' ');
                default -> {
                    if (cp >= 0x20 && cp < 0x7f) {
                        sb.append((char) cp);
                    } else if (Character.isISOControl(cp)
                            || cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
                        sb.append("&#xFFFD;");
                    } else {
                        sb.append("&#x").append(Integer.toHexString(cp).toUpperCase(Locale.ROOT)).append(';');
                    }
                }
            }
        }
        return sb.toString();
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    // No external resource of any kind: the CSP makes a browser refuse them even if one slipped in.
    private static final String PAGE_HEAD = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>@TITLE@</title>
            <style>
            html { overflow-y: scroll; }
            body { margin: 0; font: 13px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #222; background: #fff; }
            header { position: sticky; top: 0; z-index: 1; background: #fff; padding: 8px 12px; border-bottom: 1px solid #ddd; }
            h1 { font-size: 16px; margin: 0 0 2px; overflow-wrap: anywhere; }
            #info { color: #555; margin-bottom: 6px; }
            .bar { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 14px; }
            #search { width: 22em; }
            #match { color: #a0157a; }
            #legend { margin-top: 6px; }
            .key { display: inline-flex; align-items: center; gap: 4px; margin-right: 10px; }
            .key i { display: inline-block; width: 12px; height: 12px; border-radius: 2px; }
            #crumbs { margin-top: 6px; min-height: 1.3em; overflow-wrap: anywhere; }
            #crumbs button { font: inherit; border: 0; padding: 0; background: none; color: #0645ad; cursor: pointer; }
            main { padding: 4px 12px 12px; }
            canvas { display: block; width: 100%; }
            #tip { position: fixed; z-index: 2; pointer-events: none; max-width: 60vw; padding: 6px 8px; font-size: 12px;
                   background: #fffff4; border: 1px solid #999; box-shadow: 0 2px 6px rgba(0, 0, 0, 0.2); }
            #tip .name { font-weight: 600; margin-bottom: 2px; overflow-wrap: anywhere; }
            [hidden] { display: none !important; }
            </style>
            </head>
            <body>
            <header>
            <h1>@TITLE@</h1>
            <div id="info"></div>
            <div class="bar">
            <input id="search" type="search" placeholder="Search: regex or text, case-insensitive" spellcheck="false" autocomplete="off">
            <span id="match"></span>
            <button id="reset" type="button" disabled>Reset zoom</button>
            <label><input id="flip" type="checkbox"> Flame (root at bottom)</label>
            </div>
            <div id="legend"></div>
            <nav id="crumbs"></nav>
            </header>
            <main>
            <canvas id="graph"></canvas>
            <p id="empty" hidden>No events were recorded for this graph.</p>
            </main>
            <div id="tip" hidden></div>
            <noscript>This flame graph is drawn by JavaScript; enable it to see the graph.</noscript>
            """;

    /*
     * The renderer. It must never contain the sequences that end or confuse a script element ("</",
     * "<!--"), and it avoids backslashes so that Java and JS escaping cannot interfere.
     */
    private static final String SCRIPT = """
            (() => {
            'use strict';
            const ROW = 16;
            const PAD = 3;
            // Frames narrower than this are culled together with their subtrees.
            const MIN_W = 0.5;
            // Browsers refuse canvases much larger than 32k pixels on a side; past that the resolution drops,
            // and rows past it are not drawn.
            const MAX_PX = 32000;
            const FONT = '11px ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace';
            const MATCH = '#e535ab';
            // Indexed by the category digit in D.cat: application, JDK, map implementation, native/synthetic.
            const CATEGORIES = [
              { name: 'Application', h: 8, dh: 32, s: 85, l: 58, dl: 12 },
              { name: 'JDK', h: 70, dh: 40, s: 45, l: 52, dl: 14 },
              { name: 'Map implementation', h: 178, dh: 32, s: 62, l: 46, dl: 14 },
              { name: 'Native / synthetic', h: 0, dh: 0, s: 0, l: 64, dl: 14 }
            ];
            const MICRO = String.fromCharCode(0xb5);
            const ELLIPSIS = String.fromCharCode(0x2026);
            const INT = new Intl.NumberFormat('en-US');

            const N = D.total.length, names = D.names, nameOf = D.name, total = D.total, self = D.self;
            const parent = new Int32Array(N), depth = new Int32Array(N), end = new Int32Array(N);
            parent[0] = -1;
            for (let i = 1; i < N; i++) {
              parent[i] = i - D.up[i];
              depth[i] = depth[parent[i]] + 1;
            }
            // Nodes are in preorder, so the subtree of i is the range [i, end[i]) and its children are
            // i + 1, end[i + 1], ... up to end[i].
            for (let i = 0; i < N; i++) end[i] = i + 1;
            for (let i = N - 1; i > 0; i--) if (end[i] > end[parent[i]]) end[parent[i]] = end[i];

            const byId = id => document.getElementById(id);
            const canvas = byId('graph'), ctx = canvas.getContext('2d'), tip = byId('tip'), search = byId('search'),
                  matchInfo = byId('match'), crumbs = byId('crumbs'), resetButton = byId('reset'), flip = byId('flip');
            const make = (tag, text) => {
              const e = document.createElement(tag);
              if (text !== undefined) e.textContent = text;
              return e;
            };

            function fmt(v) {
              if (D.unit === 'ns') {
                if (v >= 1e9) return (v / 1e9).toFixed(2) + ' s';
                if (v >= 1e6) return (v / 1e6).toFixed(2) + ' ms';
                if (v >= 1e3) return (v / 1e3).toFixed(1) + ' ' + MICRO + 's';
                return v + ' ns';
              }
              if (D.unit === 'bytes') {
                if (v >= 1073741824) return (v / 1073741824).toFixed(2) + ' GB';
                if (v >= 1048576) return (v / 1048576).toFixed(2) + ' MB';
                if (v >= 1024) return (v / 1024).toFixed(1) + ' KB';
                return v + ' B';
              }
              return INT.format(v) + ' ' + D.unit;
            }
            const pct = (v, of) => of > 0 ? (100 * v / of).toFixed(2) + '%' : 'n/a';
            const category = i => D.cat.charCodeAt(i) - 48;

            // A stable shade per name (FNV-1a), so a method keeps its colour across zooms and files.
            function hash(s) {
              let h = 0x811c9dc5;
              for (let k = 0; k < s.length; k++) {
                h ^= s.charCodeAt(k);
                h = Math.imul(h, 0x01000193);
              }
              return (h >>> 0) / 4294967296;
            }
            function shade(c, v) {
              const p = CATEGORIES[c];
              return 'hsl(' + Math.round(p.h + v * p.dh) + ',' + p.s + '%,' + Math.round(p.l + v * p.dl) + '%)';
            }
            const colors = new Map();
            function colorOf(i) {
              const c = category(i), key = nameOf[i] * 4 + c;
              let col = colors.get(key);
              if (col === undefined) {
                col = shade(c, hash(names[nameOf[i]]));
                colors.set(key, col);
              }
              return col;
            }

            // When "java.util.HashMap.resize" does not fit, "HashMap.resize" says more than "java.util.Ha...".
            function shortName(s) {
              const m = s.lastIndexOf('.');
              const c = m > 0 ? s.lastIndexOf('.', m - 1) : -1;
              return c < 0 ? s : s.substring(c + 1);
            }
            let charW = 7;
            function labelFor(i, room) {
              if (room < 3 * charW) return null;
              const full = names[nameOf[i]];
              if (ctx.measureText(full).width <= room) return full;
              const short = shortName(full);
              if (short !== full && ctx.measureText(short).width <= room) return short;
              // The font is monospaced, so the first guess usually fits; wide characters need a few more tries.
              for (let n = Math.min(short.length - 1, Math.floor(room / charW) - 1); n > 0; n--) {
                const t = short.substring(0, n) + ELLIPSIS;
                if (ctx.measureText(t).width <= room) return t;
              }
              return null;
            }

            let zoom = 0, flipped = false, matched = null, matchCount = 0;
            // The drawn frames: x, width and node per rectangle, and per depth the rectangles left to right.
            let rx = [], rw = [], rn = [], rows = [];

            function layout(width) {
              rx = []; rw = []; rn = []; rows = [];
              const maxRows = Math.floor(MAX_PX / ROW);
              const put = (i, x, w) => {
                const d = depth[i];
                (rows[d] || (rows[d] = [])).push(rx.length);
                rx.push(x); rw.push(w); rn.push(i);
              };
              for (let a = parent[zoom]; a >= 0; a = parent[a]) put(a, 0, width);
              if (!(total[zoom] > 0)) return;
              const scale = width / total[zoom];
              const stack = [zoom], xs = [0];
              while (stack.length > 0) {
                const i = stack.pop(), x = xs.pop(), w = total[i] * scale;
                if (w < MIN_W || depth[i] >= maxRows) continue;
                put(i, x, w);
                // Children go on the stack reversed, so each row fills left to right: the hit test relies on it.
                const first = stack.length;
                for (let c = i + 1, cx = x; c < end[i]; c = end[c]) {
                  stack.push(c); xs.push(cx);
                  cx += total[c] * scale;
                }
                for (let a = first, b = stack.length - 1; a < b; a++, b--) {
                  const s = stack[a]; stack[a] = stack[b]; stack[b] = s;
                  const t = xs[a]; xs[a] = xs[b]; xs[b] = t;
                }
              }
            }

            const rowY = d => (flipped ? rows.length - 1 - d : d) * ROW;

            function draw() {
              const width = Math.max(1, canvas.clientWidth);
              layout(width);
              const height = rows.length * ROW;
              const dpr = Math.min(window.devicePixelRatio || 1, MAX_PX / Math.max(width, height, 1));
              canvas.width = Math.round(width * dpr);
              canvas.height = Math.round(height * dpr);
              canvas.style.height = height + 'px';
              // Resizing the canvas reset the context, font included.
              ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
              ctx.font = FONT;
              ctx.textBaseline = 'middle';
              charW = ctx.measureText('m').width || 7;
              const zoomDepth = depth[zoom];
              for (let r = 0; r < rn.length; r++) {
                const i = rn[r], x = rx[r], w = rw[r], y = rowY(depth[i]);
                // Ancestors of the zoomed frame are context, not part of the view.
                ctx.globalAlpha = depth[i] < zoomDepth ? 0.55 : 1;
                ctx.fillStyle = matched !== null && matched[i] ? MATCH : colorOf(i);
                ctx.fillRect(x, y, w >= 3 ? w - 1 : w, ROW - 1);
                const text = labelFor(i, w - 2 * PAD);
                if (text !== null) {
                  ctx.fillStyle = '#000';
                  ctx.fillText(text, x + PAD, y + ROW / 2);
                }
              }
              ctx.globalAlpha = 1;
            }

            function hit(ev) {
              const box = canvas.getBoundingClientRect();
              const x = ev.clientX - box.left, y = ev.clientY - box.top;
              if (x < 0 || y < 0) return -1;
              const line = Math.floor(y / ROW);
              const row = rows[flipped ? rows.length - 1 - line : line];
              if (row === undefined) return -1;
              let lo = 0, hi = row.length - 1, found = -1;
              while (lo <= hi) {
                const m = (lo + hi) >> 1;
                if (rx[row[m]] <= x) { found = m; lo = m + 1; } else { hi = m - 1; }
              }
              if (found < 0) return -1;
              const r = row[found];
              return x < rx[r] + rw[r] ? rn[r] : -1;
            }

            // Share of matched weight under a node; a match inside a matched frame is already in its total.
            function matchedWeight(from) {
              let sum = 0;
              for (let i = from, to = end[from]; i < to;) {
                if (matched[i]) { sum += total[i]; i = end[i]; } else { i++; }
              }
              return sum;
            }

            function runSearch() {
              const q = search.value;
              matched = null;
              matchCount = 0;
              if (q !== '') {
                let test;
                try {
                  const re = new RegExp(q, 'i');
                  test = s => re.test(s);
                } catch (e) {
                  // Half-typed regexes ("HashMap$Node(") are still useful as plain text.
                  const lower = q.toLowerCase();
                  test = s => s.toLowerCase().includes(lower);
                }
                const byName = new Uint8Array(names.length);
                for (let k = 0; k < names.length; k++) byName[k] = test(names[k]) ? 1 : 0;
                matched = new Uint8Array(N);
                // The root is not a frame: it would match every search for "a".
                for (let i = 1; i < N; i++) {
                  matched[i] = byName[nameOf[i]];
                  matchCount += matched[i];
                }
              }
              refresh();
            }

            function showMatch() {
              if (matched === null) {
                matchInfo.textContent = '';
                return;
              }
              const all = matchedWeight(0);
              let text = 'Matched ' + fmt(all) + ' = ' + pct(all, total[0]) + ' of all';
              if (zoom !== 0) text += ', ' + pct(matchedWeight(zoom), total[zoom]) + ' of zoomed frame';
              matchInfo.textContent = text + ' (' + INT.format(matchCount) + ' frames)';
            }

            function showCrumbs() {
              // Always shown, even as just "all": the canvas must not move under the pointer when zooming.
              resetButton.disabled = zoom === 0;
              const path = [];
              for (let a = zoom; a >= 0; a = parent[a]) path.push(a);
              path.reverse();
              const parts = [];
              path.forEach((a, k) => {
                if (k > 0) parts.push(make('span', ' > '));
                const b = make('button', names[nameOf[a]]);
                b.type = 'button';
                b.addEventListener('click', () => zoomTo(a));
                parts.push(b);
              });
              crumbs.replaceChildren(...parts);
            }

            function refresh() {
              showCrumbs();
              showMatch();
              draw();
            }
            function zoomTo(i) {
              zoom = i;
              tip.hidden = true;
              refresh();
            }

            const tipName = make('div'), tipTotal = make('div'), tipSelf = make('div'), tipKind = make('div');
            tipName.className = 'name';
            [tipName, tipTotal, tipSelf, tipKind].forEach(e => tip.appendChild(e));
            function showTip(i, ev) {
              tipName.textContent = names[nameOf[i]];
              let t = 'Total: ' + fmt(total[i]) + ' (' + pct(total[i], total[0]) + ' of all';
              if (zoom !== 0) t += ', ' + pct(total[i], total[zoom]) + ' of zoomed';
              tipTotal.textContent = t + ')';
              tipSelf.textContent = 'Self: ' + fmt(self[i]) + ' (' + pct(self[i], total[0]) + ' of all)';
              tipKind.textContent = (i === 0 ? 'All events' : CATEGORIES[category(i)].name)
                + (i === zoom ? '' : ' - click to zoom');
              tip.hidden = false;
              // Keep the tooltip inside the window, flipping it to the other side of the pointer if needed.
              let left = ev.clientX + 14, top = ev.clientY + 14;
              if (left + tip.offsetWidth > window.innerWidth) left = Math.max(0, ev.clientX - 14 - tip.offsetWidth);
              if (top + tip.offsetHeight > window.innerHeight) top = Math.max(0, ev.clientY - 14 - tip.offsetHeight);
              tip.style.left = left + 'px';
              tip.style.top = top + 'px';
            }

            const legend = byId('legend');
            const addKey = (color, text) => {
              const key = make('span'), swatch = make('i');
              key.className = 'key';
              swatch.style.background = color;
              key.appendChild(swatch);
              key.appendChild(make('span', text));
              legend.appendChild(key);
            };
            CATEGORIES.forEach((c, k) => addKey(shade(k, 0.5), c.name));
            addKey(MATCH, 'Search match');

            byId('info').textContent = 'Kind: ' + D.kind + ' | Total: ' + fmt(total[0]) + ' | '
              + INT.format(D.events) + ' events | ' + INT.format(N) + ' nodes';
            byId('empty').hidden = total[0] > 0;

            canvas.addEventListener('mousemove', ev => {
              const i = hit(ev);
              canvas.style.cursor = i < 0 ? '' : 'pointer';
              if (i < 0) tip.hidden = true; else showTip(i, ev);
            });
            canvas.addEventListener('mouseleave', () => { tip.hidden = true; });
            canvas.addEventListener('click', ev => {
              const i = hit(ev);
              if (i >= 0 && i !== zoom) zoomTo(i);
            });
            resetButton.addEventListener('click', () => zoomTo(0));
            flip.addEventListener('change', () => {
              flipped = flip.checked;
              draw();
            });
            search.addEventListener('input', runSearch);
            window.addEventListener('keydown', ev => {
              if (ev.key !== 'Escape') return;
              search.value = '';
              search.blur();
              zoom = 0;
              tip.hidden = true;
              runSearch();
            });
            let redrawPending = false;
            window.addEventListener('resize', () => {
              if (redrawPending) return;
              redrawPending = true;
              requestAnimationFrame(() => {
                redrawPending = false;
                draw();
              });
            });
            refresh();
            })();
            """;
}
