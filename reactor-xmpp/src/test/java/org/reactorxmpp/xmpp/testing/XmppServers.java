package org.reactorxmpp.xmpp.testing;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The servers shared by the integration tests of one test run (one Failsafe JVM): each kind is started
 * on first use and kept in the root {@link ExtensionContext.Store}, which closes it when the run ends
 * (and a JVM shutdown hook kills it if the run is cut short). Tests that need a server of their own
 * (a special configuration, or a restart they must not inflict on others) build one with
 * {@link ProsodyServer#builder()} / {@link EjabberdServer#builder()} or {@link ProsodyExtension}.
 *
 * <p>A shared server is fine for tests that take {@linkplain XmppTestServer#newAccounts fresh
 * accounts}, close their sessions, and restart the server only in ways the next test class cannot
 * notice (test classes of one run execute one after the other).
 */
public final class XmppServers {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(XmppServers.class);

    private XmppServers() {
    }

    /**
     * The shared server of that kind, started now if it is not running yet.
     *
     * @throws IllegalStateException if it is not installed and {@code CI=true} (aborts the test otherwise)
     */
    public static XmppTestServer shared(XmppServerKind kind, ExtensionContext context) {
        requireInstalled(kind);
        Shared shared = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(kind, k -> Shared.start(kind), Shared.class);
        return shared.server();
    }

    /** The shared servers started so far in this run. */
    static List<XmppTestServer> started(ExtensionContext context) {
        List<XmppTestServer> servers = new ArrayList<>();
        for (XmppServerKind kind : XmppServerKind.values()) {
            Optional.ofNullable(context.getRoot().getStore(NAMESPACE).get(kind, Shared.class))
                    .ifPresent(s -> servers.add(s.server()));
        }
        return servers;
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

    /** A started shared server; the root store closes it at the end of the run. */
    private record Shared(XmppTestServer server) implements AutoCloseable {

        static Shared start(XmppServerKind kind) {
            XmppTestServer server = kind.create();
            long started = System.nanoTime();
            try {
                server.start();
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
            System.out.printf("Shared %s started in %d ms for this test run: %s%n", kind.displayName(),
                    (System.nanoTime() - started) / 1_000_000, server);
            return new Shared(server);
        }

        @Override
        public void close() {
            server.close();
        }
    }
}
