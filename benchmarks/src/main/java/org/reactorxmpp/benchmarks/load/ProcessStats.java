package org.reactorxmpp.benchmarks.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A snapshot of this JVM's resources: live threads, heap used after a full GC, resident set size
 * (Linux {@code /proc/self/status}) and process CPU time.
 *
 * @param liveThreads live threads
 * @param heapAfterGcBytes heap in use right after {@link System#gc()}, or -1 when not collected
 * @param rssBytes resident set size, or -1 where {@code /proc} is missing
 * @param cpuNanos CPU time used by the process so far (user + system)
 */
public record ProcessStats(int liveThreads, long heapAfterGcBytes, long rssBytes, long cpuNanos) {

    /** @return a snapshot after a full collection (three {@code System.gc()} calls, settled) */
    public static ProcessStats afterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            sleep(100);
        }
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        return new ProcessStats(threads(), heap, rss(), processCpuNanos());
    }

    /** @return a snapshot without collecting (heap reported as -1) */
    public static ProcessStats now() {
        return new ProcessStats(threads(), -1, rss(), processCpuNanos());
    }

    private static int threads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    /** @return this process's CPU time in nanoseconds, or -1 when the JVM cannot tell */
    public static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return -1;
    }

    /** @return the resident set size in bytes, or -1 when unknown */
    public static long rss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /**
     * @param pid a process id
     * @return that process's user + system CPU seconds from {@code /proc} (Linux), or -1
     */
    public static double cpuSecondsOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * @param pid a process id
     * @return that process's resident set size in bytes, or -1
     */
    public static long rssOf(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
