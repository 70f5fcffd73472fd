package org.reactorxmpp.xmpp.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * One server child process started by a harness: run in its instance directory with its output in a console
 * log, awaited until it serves, killed by a JVM shutdown hook if the test run ends without stopping it,
 * stopped by its own PID only (never by name).
 */
final class ServerProcess {

    /**
     * How long a server may take to serve c2s and BOSH: Prosody needs about 0.2 s and ejabberd 2 s on an idle
     * machine, but under heavy load (parallel builds on two cores) 15 and 20 s limits were seen to run out.
     * Generous on purpose: readiness is polled, so a server that comes up early is used at once.
     */
    static final long START_TIMEOUT_MILLIS = 60_000;

    private static final long STOP_TIMEOUT_MILLIS = 5_000;
    private static final long POLL_MILLIS = 25;

    private final Process process;
    private final Thread shutdownHook;

    private ServerProcess(Process process, String name) {
        this.process = process;
        this.shutdownHook = new Thread(process::destroyForcibly, name + "-shutdown-" + process.pid());
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts the process; {@code IOException} (e.g. a missing executable) is passed through. */
    static ServerProcess start(ProcessBuilder builder, String name) throws IOException {
        return new ServerProcess(builder.start(), name);
    }

    /**
     * @param command the server's command line
     * @param directory its working directory
     * @param console the file its standard output and error are appended to
     * @return the builder to {@link #start} it with (add environment variables to it first)
     */
    static ProcessBuilder inDirectory(List<String> command, Path directory, Path console) {
        return new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(console.toFile()));
    }

    /**
     * Polls until the c2s port accepts and the BOSH URL answers 200, at most {@link #START_TIMEOUT_MILLIS}.
     *
     * @return null once ready, otherwise why not: the process exited (then {@code exitedEarly} is true) or
     *     the time ran out
     */
    @Nullable Readiness awaitReady(String address, int c2sPort, URI bosh, String serverName) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MILLIS);
        boolean c2s = false;
        boolean boshReady = false;
        while (System.nanoTime() < deadline) {
            if (!isAlive()) {
                return new Readiness(true, "exited early with status " + exitValue());
            }
            c2s = c2s || HarnessSupport.accepts(address, c2sPort);
            boshReady = c2s && (boshReady || HarnessSupport.answers200(bosh));
            if (boshReady) {
                return null;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Readiness(false, "interrupted while waiting for " + serverName);
            }
        }
        return new Readiness(false, "did not come up within " + START_TIMEOUT_MILLIS + " ms (c2s ready: " + c2s
                + ", BOSH ready: " + boshReady + ")");
    }

    /** Why a server did not become ready. */
    record Readiness(boolean exitedEarly, String problem) {
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    int exitValue() {
        return process.exitValue();
    }

    /**
     * Ends the process: SIGTERM then SIGKILL after 5 s ({@code graceful}), or SIGKILL at once, and waits
     * for it to exit.
     *
     * @return false if it did not even exit after SIGKILL
     */
    boolean stop(boolean graceful) {
        try {
            if (graceful) {
                process.destroy();
                if (!process.waitFor(STOP_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                }
            } else {
                process.destroyForcibly();
            }
            return process.waitFor(STOP_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return false;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting; the hook runs anyway
            }
        }
    }
}
