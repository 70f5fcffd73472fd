package org.reactorxmpp.xmpp.testing;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * JUnit 5 extension that runs one {@link ProsodyServer} per test class: started before all tests,
 * stopped (and its directory deleted) after all, injected into {@code ProsodyServer} parameters, and
 * its last 200 log lines printed to stderr when a test fails.
 *
 * <pre>{@code
 * class LoginIT {
 *     @RegisterExtension
 *     static final ProsodyExtension prosody = ProsodyExtension.builder()
 *             .users("user", 10, "secret")
 *             .considerBoshSecure(true)
 *             .build();
 *
 *     @Test
 *     void login(ProsodyServer server) { ... server.boshUrl() ... }
 * }
 * }</pre>
 *
 * <p>{@code @ExtendWith(ProsodyExtension.class)} gives a default server without accounts. Several
 * extensions may be registered in one class; give them {@linkplain Builder#name names} and select
 * parameters with {@link ProsodyInstance}, or use {@link #server()} on the static fields.
 *
 * <p>Without a {@code prosody} executable on the PATH the tests are skipped (aborted) with a hint
 * how to install it, except when the environment variable {@code CI} is {@code true}: then they fail.
 */
public final class ProsodyExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver, TestWatcher {

    private static final int LOG_LINES_ON_FAILURE = 200;

    private final ProsodyServer.Builder serverBuilder;
    private final @Nullable String name;
    private @Nullable ProsodyServer server;
    private @Nullable String ownerContextId;

    /** Default server: localhost on 127.0.0.1, free ports, no accounts. */
    public ProsodyExtension() {
        this(ProsodyServer.builder(), null);
    }

    private ProsodyExtension(ProsodyServer.Builder serverBuilder, @Nullable String name) {
        this.serverBuilder = serverBuilder;
        this.name = name;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The running server. @throws IllegalStateException outside the test class' lifetime */
    public ProsodyServer server() {
        ProsodyServer s = server;
        if (s == null) {
            throw new IllegalStateException("The Prosody server" + (name == null ? "" : " '" + name + "'")
                    + " is not started (used outside the test class?)");
        }
        return s;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (server != null) {
            return; // a @Nested class shares the enclosing class' server
        }
        if (!serverBuilder.hasExecutable()) {
            requireInstalled(ProsodyServer.isInstalled(), System.getenv("CI"));
        }
        ProsodyServer s = serverBuilder.build();
        try {
            s.start();
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
        server = s;
        ownerContextId = context.getUniqueId();
    }

    /** Missing Prosody: a failure when {@code ci} is {@code "true"}, otherwise an aborted (skipped) test. */
    static void requireInstalled(boolean installed, @Nullable String ci) {
        if (installed) {
            return;
        }
        String message = "Prosody is not installed (no 'prosody' on the PATH); install it with: "
                + "apt-get install -y prosody";
        if ("true".equals(ci)) {
            throw new IllegalStateException(message + " (CI=true: failing instead of skipping)");
        }
        Assumptions.abort(message);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        ProsodyServer s = server;
        if (s != null && context.getUniqueId().equals(ownerContextId)) {
            server = null;
            ownerContextId = null;
            s.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        if (parameterContext.getParameter().getType() != ProsodyServer.class) {
            return false;
        }
        Optional<ProsodyInstance> qualifier = parameterContext.findAnnotation(ProsodyInstance.class);
        return qualifier.map(q -> q.value().equals(name)).orElse(name == null);
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return server();
    }

    @Override
    public void testFailed(ExtensionContext context, @Nullable Throwable cause) {
        ProsodyServer s = server;
        if (s != null) {
            System.err.println("---- last " + LOG_LINES_ON_FAILURE + " lines of the Prosody log"
                    + (name == null ? "" : " '" + name + "'") + " (" + s + ") after failure of "
                    + context.getDisplayName() + " ----\n" + s.logTail(LOG_LINES_ON_FAILURE)
                    + "\n---- end of Prosody log ----");
        }
    }

    /** Builder: the {@link ProsodyServer.Builder} options, plus a {@link #name}. */
    public static final class Builder {

        private final ProsodyServer.Builder server = ProsodyServer.builder();
        private @Nullable String name;

        private Builder() {
        }

        /** Names this instance, for {@link ProsodyInstance} parameters when a class has several. */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /** Applies any {@link ProsodyServer.Builder} option not mirrored here. */
        public Builder configure(java.util.function.Consumer<ProsodyServer.Builder> customizer) {
            customizer.accept(server);
            return this;
        }

        public Builder host(String host) {
            server.host(host);
            return this;
        }

        public Builder address(String address) {
            server.address(address);
            return this;
        }

        public Builder c2sPort(int port) {
            server.c2sPort(port);
            return this;
        }

        public Builder httpPort(int port) {
            server.httpPort(port);
            return this;
        }

        public Builder extraConfig(String line) {
            server.extraConfig(line);
            return this;
        }

        public Builder module(String module) {
            server.module(module);
            return this;
        }

        public Builder pluginPath(Path directory) {
            server.pluginPath(directory);
            return this;
        }

        public Builder passwordHash(ProsodyServer.PasswordHash hash) {
            server.passwordHash(hash);
            return this;
        }

        public Builder authentication(ProsodyServer.Authentication authentication) {
            server.authentication(authentication);
            return this;
        }

        public Builder considerBoshSecure(boolean secure) {
            server.considerBoshSecure(secure);
            return this;
        }

        public Builder allowUnencryptedPlainAuth(boolean allow) {
            server.allowUnencryptedPlainAuth(allow);
            return this;
        }

        public Builder logLevel(String level) {
            server.logLevel(level);
            return this;
        }

        public Builder user(String user, String password) {
            server.user(user, password);
            return this;
        }

        public Builder users(String prefix, int count, String password) {
            server.users(prefix, count, password);
            return this;
        }

        public ProsodyExtension build() {
            return new ProsodyExtension(server, name);
        }
    }
}
