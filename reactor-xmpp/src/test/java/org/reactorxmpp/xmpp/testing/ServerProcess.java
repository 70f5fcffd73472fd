package org.reactorxmpp.xmpp.testing;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * One server child process started by a harness: killed by a JVM shutdown hook if the test run ends
 * without stopping it, stopped by its own PID only (never by name).
 */
final class ServerProcess {

    private static final long STOP_TIMEOUT_MILLIS = 5_000;

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
