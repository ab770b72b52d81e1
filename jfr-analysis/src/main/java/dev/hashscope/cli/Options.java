package dev.hashscope.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A parsed command line: positional arguments and {@code --name value} options, checked against what a command takes. */
final class Options {
    private final List<String> positional = new ArrayList<>();
    private final Map<String, String> values = new HashMap<>();

    static Options parse(List<String> args, Set<String> withValue, Set<String> flags) throws UsageException {
        Options o = new Options();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--")) {
                o.positional.addAll(args.subList(i + 1, args.size()));
                break;
            }
            if (a.startsWith("-") && a.length() > 1) {
                String name = a;
                String value = null;
                int eq = a.indexOf('=');
                if (a.startsWith("--") && eq > 0) {
                    name = a.substring(0, eq);
                    value = a.substring(eq + 1);
                }
                if (flags.contains(name)) {
                    if (value != null) {
                        throw new UsageException(name + " takes no value");
                    }
                    o.values.put(name, "true");
                } else if (withValue.contains(name)) {
                    if (value == null) {
                        if (i + 1 >= args.size()) {
                            throw new UsageException(name + " needs a value");
                        }
                        value = args.get(++i);
                    }
                    if (o.values.put(name, value) != null) {
                        throw new UsageException(name + " given twice");
                    }
                } else {
                    throw new UsageException("unknown option " + name);
                }
            } else {
                o.positional.add(a);
            }
        }
        return o;
    }

    List<String> positional() {
        return positional;
    }

    String get(String name) {
        return values.get(name);
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    Double seconds(String name) throws UsageException {
        String v = values.get(name);
        if (v == null) {
            return null;
        }
        try {
            double d = Double.parseDouble(v);
            if (d < 0 || Double.isNaN(d) || Double.isInfinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new UsageException(name + " takes seconds since the recording started (e.g. 12.5), not '" + v + "'");
        }
    }

    int positiveInt(String name, int defaultValue) throws UsageException {
        String v = values.get(name);
        if (v == null) {
            return defaultValue;
        }
        try {
            int n = Integer.parseInt(v);
            if (n <= 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(name + " takes a positive whole number, not '" + v + "'");
        }
    }
}
