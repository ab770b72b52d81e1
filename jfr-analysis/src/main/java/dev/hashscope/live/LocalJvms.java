package dev.hashscope.live;

import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** The JVMs on this machine that the Attach API sees, for the attach dialog and {@code hashscope live --list}. */
public final class LocalJvms {
    /**
     * A local JVM.
     *
     * @param pid         its process id
     * @param displayName main class or jar and arguments, as the JVM reports it
     * @param javaVersion e.g. "17.0.15", or "?" when it did not answer in time
     */
    public record LocalJvm(long pid, String displayName, String javaVersion) {
        /** The main class or jar alone. */
        public String mainClass() {
            return TargetInfo.mainClassOf(displayName);
        }
    }

    private LocalJvms() {
    }

    /**
     * Every attachable JVM but this one, with its Java version (asked of each JVM in parallel, at most
     * {@code perJvmMillis} each: a busy or frozen JVM shows "?" rather than holding the list).
     */
    public static List<LocalJvm> list(long perJvmMillis) {
        long self = ProcessHandle.current().pid();
        List<VirtualMachineDescriptor> vms = new ArrayList<>();
        for (VirtualMachineDescriptor d : VirtualMachine.list()) {
            if (!d.id().equals(Long.toString(self))) {
                vms.add(d);
            }
        }
        ExecutorService ex = Executors.newFixedThreadPool(Math.max(1, Math.min(8, vms.size())),
                Daemons.factory("hashscope-list-jvms"));
        try {
            List<Future<String>> versions = new ArrayList<>();
            for (VirtualMachineDescriptor d : vms) {
                versions.add(ex.submit(() -> version(d)));
            }
            List<LocalJvm> out = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(perJvmMillis);
            for (int i = 0; i < vms.size(); i++) {
                VirtualMachineDescriptor d = vms.get(i);
                String v;
                try {
                    long left = Math.max(1, deadline - System.nanoTime());
                    v = versions.get(i).get(left, TimeUnit.NANOSECONDS);
                } catch (Exception e) {
                    v = "?";
                }
                long pid;
                try {
                    pid = Long.parseLong(d.id());
                } catch (NumberFormatException e) {
                    continue;
                }
                out.add(new LocalJvm(pid, d.displayName(), v));
            }
            out.sort(Comparator.comparingLong(LocalJvm::pid));
            return out;
        } finally {
            ex.shutdownNow();
        }
    }

    private static String version(VirtualMachineDescriptor d) {
        try {
            VirtualMachine vm = VirtualMachine.attach(d);
            try {
                Properties p = vm.getSystemProperties();
                return p.getProperty("java.version", "?");
            } finally {
                vm.detach();
            }
        } catch (Exception e) {
            return "?";
        }
    }
}
