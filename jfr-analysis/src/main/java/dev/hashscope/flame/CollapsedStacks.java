package dev.hashscope.flame;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * Writes a tree in the collapsed-stack format of flame-graph tools ({@code root;caller;callee weight}),
 * one line per node with self weight, depth-first in name order, so the output is stable and diffable.
 */
public final class CollapsedStacks {
    private CollapsedStacks() {
    }

    public static void write(FlameTree tree, Writer out) throws IOException {
        StringBuilder path = new StringBuilder();
        try {
            walk(tree, tree.root(), path, out);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    public static String toString(FlameTree tree) {
        java.io.StringWriter w = new java.io.StringWriter();
        try {
            write(tree, w);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    private static void walk(FlameTree tree, int node, StringBuilder path, Writer out) throws IOException {
        int mark = path.length();
        if (node != tree.root()) {
            if (mark > 0) {
                path.append(';');
            }
            path.append(frameName(tree.label(node)));
            if (tree.self(node) > 0) {
                out.write(path.toString());
                out.write(' ');
                out.write(Long.toString(tree.self(node)));
                out.write('\n');
            }
        }
        for (int i = 0, n = tree.childCount(node); i < n; i++) {
            walk(tree, tree.child(node, i), path, out);
        }
        path.setLength(mark);
    }

    /** ';' separates frames and whitespace ends the stack in this format, so neither may appear inside a name. */
    static String frameName(String label) {
        StringBuilder sb = null;
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            if (c == ';' || Character.isWhitespace(c) || Character.isISOControl(c)) {
                if (sb == null) {
                    sb = new StringBuilder(label.substring(0, i));
                }
                sb.append('_');
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? label : sb.toString();
    }
}
