package org.reactorxmpp.xmpp.testing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.EnumMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;

/**
 * The servers shared by the integration tests of one test JVM (one Failsafe run of a module): each kind
 * is started on first use and killed, its directory deleted, when the JVM exits. (Not in a JUnit store:
 * Surefire and Failsafe run each test class as a launcher execution and session of its own, so even the
 * root or launcher-session store would stop the servers after every class.) Tests that need a server of
 * their own (a special configuration, or a restart they must not inflict on others) build one with
 * {@link ProsodyServer#builder()} / {@link EjabberdServer#builder()} or {@link ProsodyExtension}.
 *
 * <p>A shared server is fine for tests that take {@linkplain XmppTestServer#newAccounts fresh
 * accounts}, close their sessions, and restart the server only in ways the next test class cannot
 * notice (test classes of one run execute one after the other).
 */
public final class XmppServers {

    private static final Map<XmppServerKind, XmppTestServer> SHARED = new EnumMap<>(XmppServerKind.class);

    private XmppServers() {
    }

    /**
     * The shared server of that kind, started now if this JVM has none yet (and started again if a test
     * left it stopped).
     *
     * @throws IllegalStateException if it is not installed and {@code CI=true} (aborts the test otherwise)
     */
    public static XmppTestServer shared(XmppServerKind kind) {
        requireInstalled(kind);
        synchronized (SHARED) {
            XmppTestServer server = SHARED.get(kind);
            if (server == null) {
                server = start(kind);
                SHARED.put(kind, server);
            } else if (!server.isRunning()) {
                server.start();
            }
            return server;
        }
    }

    private static XmppTestServer start(XmppServerKind kind) {
        XmppTestServer server = kind.create();
        long started = System.nanoTime();
        try {
            server.start();
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        System.out.printf("Shared %s started in %d ms for this test JVM: %s%n", kind.displayName(),
                (System.nanoTime() - started) / 1_000_000, server);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // the run is over: no need for a graceful stop
            server.kill();
            server.close();
        }, "shared-" + kind.displayName() + "-cleanup"));
        return server;
    }

    /**
     * The shared server as a test argument: JUnit closes {@link AutoCloseable} arguments after each
     * parameterized invocation, so this view ignores {@link XmppTestServer#close()} (the JVM's exit closes
     * the server); every other call goes to the server.
     */
    static XmppTestServer argument(XmppServerKind kind) {
        XmppTestServer server = shared(kind);
        return (XmppTestServer) Proxy.newProxyInstance(XmppTestServer.class.getClassLoader(),
                new Class<?>[] {XmppTestServer.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "close":
                            return null;
                        case "equals":
                            return proxy == args[0];
                        case "hashCode":
                            return System.identityHashCode(proxy);
                        default:
                            try {
                                return method.invoke(server, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                    }
                });
    }

    /** The shared servers started so far in this JVM. */
    static List<XmppTestServer> started() {
        synchronized (SHARED) {
            return new ArrayList<>(SHARED.values());
        }
    }

    /** Missing server: a failure when the environment variable {@code CI} is {@code true}, else an aborted test. */
    public static void requireInstalled(XmppServerKind kind) {
        requireInstalled(kind, kind.isInstalled(), System.getenv("CI"));
    }

    static void requireInstalled(XmppServerKind kind, boolean installed, @Nullable String ci) {
        if (installed) {
            return;
        }
        failOnCi(kind, ci);
        Assumptions.abort(notInstalled(kind));
    }

    /** With {@code CI=true} a missing server is a failure: nothing may be skipped there. */
    static void failOnCi(XmppServerKind kind, @Nullable String ci) {
        if ("true".equals(ci)) {
            throw new IllegalStateException(notInstalled(kind) + " (CI=true: failing instead of skipping)");
        }
    }

    static String notInstalled(XmppServerKind kind) {
        return kind.displayName() + " is not installed; install it with: apt-get install -y " + kind.debianPackage()
                + " (or run .ci/setup)";
    }

    /**
     * A stand-in for a server that is not installed (outside CI): every use aborts the test that makes it,
     * so the report shows it skipped with the install hint instead of silently running one server only.
     */
    static XmppTestServer unavailable(XmppServerKind kind) {
        String message = notInstalled(kind);
        return (XmppTestServer) Proxy.newProxyInstance(XmppTestServer.class.getClassLoader(),
                new Class<?>[] {XmppTestServer.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "toString":
                            return kind.displayName() + " (not installed)";
                        case "name":
                            return kind.displayName();
                        case "hashCode":
                            return System.identityHashCode(proxy);
                        case "equals":
                            return proxy == args[0];
                        case "close":
                            return null;
                        default:
                            Assumptions.abort(message);
                            return null;
                    }
                });
    }
}
