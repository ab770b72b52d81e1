package dev.hashscope.live;

import java.util.Arrays;
import java.util.Objects;

/**
 * A JVM to stream from: a local process by pid (reached through the Attach API), or a JMX agent by URL.
 * A password is held only in memory, as a char array the caller may clear; it is never written anywhere.
 */
public sealed interface LiveTarget {
    /** What the user would call it, e.g. "pid 4242" or "service:jmx:rmi:///jndi/rmi://db1:9010/jmxrmi". */
    String label();

    record Local(long pid) implements LiveTarget {
        @Override
        public String label() {
            return "pid " + pid;
        }
    }

    /**
     * @param url      a JMX service URL, or {@code host:port} for the usual RMI agent URL
     * @param user     user name, or null without authentication
     * @param password password, or null
     * @param tls      connect with TLS (the agent runs with {@code com.sun.management.jmxremote.ssl=true})
     */
    record Remote(String url, String user, char[] password, boolean tls) implements LiveTarget {
        public Remote {
            Objects.requireNonNull(url);
            url = url.trim();
            password = password == null ? null : password.clone();
        }

        @Override
        public String label() {
            return url;
        }

        /** The JMX service URL: {@code host:port} becomes the standard RMI connector URL. */
        public String serviceUrl() {
            if (url.startsWith("service:jmx:")) {
                return url;
            }
            return "service:jmx:rmi:///jndi/rmi://" + url + "/jmxrmi";
        }

        /** The host the URL names, or null when it cannot be told. */
        public String host() {
            String u = serviceUrl();
            int rmi = u.lastIndexOf("//");
            String rest = u.substring(rmi + 2);
            int end = rest.startsWith("[") ? rest.indexOf(']') + 1 : rest.indexOf(':');
            if (end <= 0) {
                end = rest.indexOf('/');
            }
            return end <= 0 ? null : rest.substring(0, end);
        }

        /** True when the host is this machine's loopback (or the URL names no host). */
        public boolean loopback() {
            String h = host();
            return h == null || h.isEmpty() || h.equals("localhost") || h.startsWith("127.") || h.equals("[::1]")
                    || h.equals("::1");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Remote r && r.url.equals(url) && Objects.equals(r.user, user) && r.tls == tls
                    && Arrays.equals(r.password, password);
        }

        @Override
        public int hashCode() {
            return Objects.hash(url, user, tls);
        }

        @Override
        public String toString() {
            // Never the password.
            return "Remote[" + url + (user == null ? "" : ", user " + user) + (tls ? ", TLS" : "") + "]";
        }
    }
}
