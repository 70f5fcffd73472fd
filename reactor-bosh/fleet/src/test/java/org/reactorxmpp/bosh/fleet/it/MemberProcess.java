package org.reactorxmpp.bosh.fleet.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One {@link MemberMain} JVM: started with the test's class path, its {@code FLEET} lines parsed into
 * {@link FleetRecorder}, every line kept in a log file, stopped by command or killed by PID.
 */
final class MemberProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Writer stdin;
    private final FleetRecorder recorder;
    private final Path log;
    private volatile boolean ready;
    private volatile boolean stopped;
    private volatile boolean safe;
    private volatile String heap = "";

    private MemberProcess(String name, Process process, FleetRecorder recorder, Path log) {
        this.name = name;
        this.process = process;
        this.recorder = recorder;
        this.log = log;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::read, "fleet-member-" + name + "-out");
        reader.setDaemon(true);
        reader.start();
    }

    static MemberProcess start(String name, String xmx, List<String> args, FleetRecorder recorder, Path logDir) {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String heap = "-Xmx" + xmx;
        List<String> command = new java.util.ArrayList<>(List.of(java, heap, "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-Dlogback.configurationFile=fleet-member-logback.xml",
            "-Dfleet.writeAhead=" + System.getProperty("fleet.writeAhead", "true"), "-cp", classPath,
            MemberMain.class.getName(), name));
        command.addAll(args);
        try {
            Files.createDirectories(logDir);
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            return new MemberProcess(name, p, recorder, logDir.resolve(name + "-" + p.pid() + ".log"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start fleet member " + name, e);
        }
    }

    private void read() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
             Writer file = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                file.write(line);
                file.write('\n');
                file.flush();
                if (line.startsWith("FLEET READY")) {
                    ready = true;
                } else if (line.startsWith("FLEET SAFE ")) {
                    safe = Boolean.parseBoolean(line.substring("FLEET SAFE ".length()).trim());
                } else if (line.startsWith("FLEET HEAP ")) {
                    heap = line.substring("FLEET HEAP ".length()).trim();
                } else if (line.startsWith("FLEET STOPPED")) {
                    stopped = true;
                } else if (line.startsWith("FLEET EVENT ")) {
                    recorder.record(name, line.substring("FLEET EVENT ".length()));
                }
            }
        } catch (IOException e) {
            // the process died: its output ends here
        }
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    boolean isReady() {
        return ready;
    }

    /** @return whether the member last reported its cluster safe (no migration running, backups in sync) */
    boolean isSafe() {
        return safe;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Asks the member to hand its sessions off and leave; waits for it to exit (killed after {@code timeout}). */
    void stop(Duration timeout) {
        try {
            stdin.write("stop\n");
            stdin.flush();
        } catch (IOException e) {
            // already gone
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
                throw new AssertionError("fleet member " + name + " did not stop within " + timeout + "; see " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!stopped) {
            throw new AssertionError("fleet member " + name + " exited without stopping cleanly; see " + log);
        }
    }

    /**
     * Asks the member for its heap in use after a full GC and its {@code -Xmx}; waits for the answer at most
     * {@code timeout}.
     *
     * @return e.g. {@code "212 MB of 1024 MB"}, or {@code "?"} without an answer
     */
    String heapAfterGc(Duration timeout) {
        heap = "";
        try {
            stdin.write("heap\n");
            stdin.flush();
        } catch (IOException e) {
            return "?";
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (heap.isEmpty() && System.nanoTime() < deadline && process.isAlive()) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "?";
            }
        }
        return heap.isEmpty() ? "?" : heap;
    }

    /** SIGKILL: no handoff, no goodbye to the cluster. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    Path log() {
        return log;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    @Override
    public String toString() {
        return "member " + name + " (pid " + process.pid() + ", log " + log + ")";
    }
}
