package org.reactorxmpp.xmpp.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What {@link ProsodyServer} and {@link EjabberdServer} share: one child process at a time, started and
 * awaited until c2s and BOSH answer, stopped by its PID, and a temporary directory deleted on close.
 */
abstract class LocalServer implements XmppTestServer {

    private @Nullable ServerProcess process;

    /** Accounts a builder asked for: one ({@code batch} false) or {@code name1 .. nameCOUNT}. */
    record InitialUsers(String name, int count, String password, boolean batch) {

        static InitialUsers one(String name, String password) {
            return new InitialUsers(HarnessSupport.requireText(name, "name"), 1, Objects.requireNonNull(password, "password"),
                    false);
        }

        static InitialUsers batch(String prefix, int count, String password) {
            if (count < 0) {
                throw new IllegalArgumentException("count must not be negative: " + count);
            }
            return new InitialUsers(HarnessSupport.requireText(prefix, "prefix"), count,
                    Objects.requireNonNull(password, "password"), true);
        }
    }

    /**
     * @param name the server's name, e.g. {@code Prosody}
     * @param address the loopback address it binds
     * @return a new temporary directory for one instance (config, data, logs), e.g. {@code /tmp/prosody-127.0.0.1-123}
     */
    static Path instanceDirectory(String name, String address) {
        try {
            return Files.createTempDirectory(name.toLowerCase(Locale.ROOT) + "-" + address + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary directory for " + name, e);
        }
    }

    /** Creates the accounts a builder asked for, through {@link #createUser} and {@link #createUsers}. */
    final void create(List<InitialUsers> users) {
        for (InitialUsers u : users) {
            if (u.batch()) {
                createUsers(u.name(), u.count(), u.password());
            } else {
                createUser(u.name(), u.password());
            }
        }
    }

    /** This harness' exception type, e.g. {@link ProsodyException}. */
    abstract RuntimeException failure(String message, @Nullable Throwable cause);

    /** Address, ports and directory, for messages. */
    abstract String describe();

    /** The instance directory (config, data, logs), deleted by {@link #close()}. */
    public abstract Path directory();

    /** @throws IllegalStateException if the server runs already */
    final void requireStopped() {
        if (isRunning()) {
            throw new IllegalStateException(name() + " is already running (pid " + pid() + ")");
        }
    }

    /**
     * Starts the process and waits until c2s accepts and BOSH answers (at most
     * {@link ServerProcess#START_TIMEOUT_MILLIS}).
     *
     * @param installHint said when the executable cannot be run
     * @throws RuntimeException of {@link #failure} if it cannot run, exits early or does not come up in time
     *     (the message carries the log)
     */
    final void launch(ProcessBuilder builder, String installHint) {
        ServerProcess started;
        try {
            started = ServerProcess.start(builder, name());
        } catch (IOException e) {
            throw failure("Cannot run " + builder.command().get(0) + " (" + installHint + ")", e);
        }
        process = started;
        ServerProcess.Readiness problem = started.awaitReady(address(), c2sPort(), boshUrl(), name());
        if (problem != null) {
            String log = logText();
            stopProcess(!problem.exitedEarly());
            throw failure(name() + " " + problem.problem() + " (" + describe() + ")\n" + log, null);
        }
    }

    /** Stops the server gracefully (SIGTERM, then SIGKILL after 5 s). Idempotent; keeps the data directory. */
    @Override
    public synchronized void stop() {
        stopProcess(true);
    }

    /** Kills the server with SIGKILL (no goodbye to clients), e.g. for failover tests. Idempotent. */
    @Override
    public synchronized void kill() {
        stopProcess(false);
    }

    /** Stops the server and deletes its temporary directory. */
    @Override
    public synchronized void close() {
        stop();
        HarnessSupport.deleteRecursively(directory());
    }

    @Override
    public synchronized boolean isRunning() {
        ServerProcess p = process;
        return p != null && p.isAlive();
    }

    @Override
    public synchronized long pid() {
        ServerProcess p = process;
        if (p == null) {
            throw new IllegalStateException(name() + " is not running");
        }
        return p.pid();
    }

    private void stopProcess(boolean graceful) {
        ServerProcess p = process;
        if (p == null) {
            return;
        }
        process = null;
        if (!p.stop(graceful)) {
            throw failure(name() + " (pid " + p.pid() + ") did not exit after SIGKILL", null);
        }
    }
}
