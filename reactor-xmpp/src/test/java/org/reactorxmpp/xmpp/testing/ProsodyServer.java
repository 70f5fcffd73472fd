package org.reactorxmpp.xmpp.testing;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A throw-away Prosody (0.12) server on a loopback address, for integration tests, benchmarks and
 * samples. Plain Java (no JUnit), see {@link ProsodyExtension} for the JUnit 5 wiring.
 *
 * <p>{@link #start()} writes a generated configuration into a fresh temporary directory (data,
 * pid file, logs and plugins all inside it), runs {@code prosody --config FILE -F} as a child
 * process and returns once the c2s port accepts connections and the BOSH endpoint answers HTTP.
 * The configuration has no TLS, no s2s, BOSH and WebSocket over plain HTTP, a MUC component on
 * {@link #mucHost()} (rooms unlocked on creation) and a PubSub component on {@link #pubsubHost()}
 * where every account of {@link #host()} may create nodes.
 *
 * <p>Accounts are written straight into Prosody's internal storage ({@link #createUsers}), so
 * 1,000 users take well under a second, before start or while the server runs.
 *
 * <pre>{@code
 * try (ProsodyServer prosody = ProsodyServer.builder()
 *         .users("user", 10, "secret")          // user1 .. user10
 *         .considerBoshSecure(true)             // BOSH sessions count as secure (PLAIN offered)
 *         .build()) {
 *     prosody.start();
 *     URI bosh = prosody.boshUrl();             // http://127.0.0.1:PORT/http-bind
 *     prosody.createUser("late", "pw");         // usable at once
 * }
 * }</pre>
 *
 * <p>Instances are independent: several may run at once, also on the same port numbers when they
 * bind different loopback addresses (127.0.0.1, 127.0.0.2, ...), see {@link Builder#address}.
 */
public final class ProsodyServer extends LocalServer {

    /** Where Prosody keeps credentials ({@code authentication} option). */
    public enum Authentication {
        /** SCRAM hashes ({@code internal_hashed}, the default). */
        INTERNAL_HASHED("internal_hashed"),
        /** Clear-text passwords ({@code internal_plain}); Prosody then offers every SCRAM variant it knows. */
        INTERNAL_PLAIN("internal_plain");

        private final String prosodyName;

        Authentication(String prosodyName) {
            this.prosodyName = prosodyName;
        }

        String prosodyName() {
            return prosodyName;
        }
    }

    /** The {@code password_hash} for {@code internal_hashed}: which SCRAM variant Prosody offers. */
    public enum PasswordHash {
        SHA_1("SHA-1", "HmacSHA1", "SHA-1"),
        SHA_256("SHA-256", "HmacSHA256", "SHA-256");

        private final String prosodyName;
        private final String macAlgorithm;
        private final String digestAlgorithm;

        PasswordHash(String prosodyName, String macAlgorithm, String digestAlgorithm) {
            this.prosodyName = prosodyName;
            this.macAlgorithm = macAlgorithm;
            this.digestAlgorithm = digestAlgorithm;
        }

        String prosodyName() {
            return prosodyName;
        }

        String macAlgorithm() {
            return macAlgorithm;
        }

        String digestAlgorithm() {
            return digestAlgorithm;
        }
    }

    /** Immutable builder values. */
    record Settings(Path executable, String host, String address, int c2sPort, int httpPort,
            List<String> extraConfig, List<String> extraModules, List<Path> pluginPaths,
            PasswordHash passwordHash, Authentication authentication, boolean considerBoshSecure,
            boolean allowUnencryptedPlainAuth,
            int scramIterations, String logLevel, List<InitialUsers> users, boolean mucRoomLocking,
            @Nullable TestCertificates tls) {
    }

    private final Settings settings;
    private final int c2sPort;
    private final int httpPort;
    /** The c2s direct TLS (XEP-0368) port, or 0 without {@link Builder#tls}. */
    private final int directTlsPort;
    /** The HTTPS port (WebSocket over TLS at {@code /xmpp-websocket}), or 0 without {@link Builder#tls}. */
    private final int httpsPort;
    private final ProsodyAccounts accounts;
    private final Path dir;
    private boolean configured;

    private ProsodyServer(Settings settings) {
        this.settings = settings;
        InetAddress bind = HarnessSupport.inet(settings.address());
        this.c2sPort = settings.c2sPort() > 0 ? settings.c2sPort() : HarnessSupport.freePort(bind);
        this.httpPort = settings.httpPort() > 0 ? settings.httpPort() : HarnessSupport.freePort(bind);
        this.directTlsPort = settings.tls() == null ? 0 : HarnessSupport.freePort(bind);
        this.httpsPort = settings.tls() == null ? 0 : HarnessSupport.freePort(bind);
        this.dir = instanceDirectory("Prosody", settings.address());
        this.accounts = new ProsodyAccounts(dir.resolve("data"), settings.host(), settings.authentication(),
                settings.passwordHash(), settings.scramIterations());
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return "Prosody";
    }

    /** Whether a {@code prosody} executable is on the {@code PATH}. */
    public static boolean isInstalled() {
        return findOnPath("prosody") != null;
    }

    static @Nullable Path findOnPath(String name) {
        return HarnessSupport.findOnPath(name);
    }

    /**
     * Starts Prosody and waits (at most 60 s) until c2s and BOSH answer. After {@link #stop()} or
     * {@link #kill()} this starts it again on the same ports with the same data directory.
     *
     * @throws ProsodyException if it exits early or does not come up in time (message has the log)
     * @throws IllegalStateException if it is running already
     */
    @Override
    public synchronized ProsodyServer start() {
        requireStopped();
        if (!configured) {
            ProsodyConfigFile.write(this, settings, dir);
            create(settings.users());
            configured = true;
        }
        ProcessBuilder pb = ServerProcess.inDirectory(List.of(settings.executable().toString(),
                "--config", dir.resolve("prosody.cfg.lua").toString(), "-F"), dir, dir.resolve("console.log"));
        launch(pb, "install Prosody: apt-get install -y prosody");
        return this;
    }

    /** {@link #stop()} then {@link #start()}: same address, ports and data, so accounts survive. */
    @Override
    public synchronized ProsodyServer restart() {
        stop();
        return start();
    }

    /** Creates (or overwrites) one account; works before {@link #start()} and while running. */
    @Override
    public ProsodyServer createUser(String name, String password) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(password, "password");
        accounts.create(name, password);
        return this;
    }

    /** Creates {@code prefix1 .. prefixCOUNT}, all with the same password, in one fast pass. */
    @Override
    public ProsodyServer createUsers(String prefix, int count, String password) {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(password, "password");
        accounts.createBatch(prefix, count, password);
        return this;
    }

    /** Whether an account file exists for that user. */
    public boolean userExists(String name) {
        return accounts.exists(name);
    }

    @Override
    public String host() {
        return settings.host();
    }

    /** The loopback address Prosody binds (e.g. {@code 127.0.0.1}). */
    @Override
    public String address() {
        return settings.address();
    }

    @Override
    public int c2sPort() {
        return c2sPort;
    }

    @Override
    public int httpPort() {
        return httpPort;
    }

    /** @return the c2s direct TLS (XEP-0368) port; 0 unless built with {@link Builder#tls} */
    public int directTlsPort() {
        return directTlsPort;
    }

    /** @return the HTTPS port serving WebSocket ({@code wss://HOST:PORT/xmpp-websocket}); 0 unless built with {@link Builder#tls} */
    public int httpsPort() {
        return httpsPort;
    }

    public PasswordHash passwordHash() {
        return settings.passwordHash();
    }

    public Authentication authentication() {
        return settings.authentication();
    }

    /** The instance directory (config, data, logs). */
    @Override
    public Path directory() {
        return dir;
    }

    /** Prosody's log file followed by its console output; empty if nothing was written yet. */
    @Override
    public String logText() {
        return HarnessSupport.read(dir.resolve("prosody.log")) + HarnessSupport.read(dir.resolve("console.log"));
    }

    @Override
    RuntimeException failure(String message, @Nullable Throwable cause) {
        return cause == null ? new ProsodyException(message) : new ProsodyException(message, cause);
    }

    @Override
    String describe() {
        return "address " + settings.address() + ", c2s " + c2sPort + ", http " + httpPort + ", dir " + dir;
    }

    @Override
    public String toString() {
        return "ProsodyServer[" + settings.host() + ", " + describe() + "]";
    }

    /** Builder; every option has a default that works on a developer machine. */
    public static final class Builder {

        private @Nullable Path executable;
        private String host = "localhost";
        private String address = "127.0.0.1";
        private int c2sPort;
        private int httpPort;
        private final List<String> extraConfig = new ArrayList<>();
        private final List<String> extraModules = new ArrayList<>();
        private final List<Path> pluginPaths = new ArrayList<>();
        private PasswordHash passwordHash = PasswordHash.SHA_1;
        private Authentication authentication = Authentication.INTERNAL_HASHED;
        private boolean considerBoshSecure;
        private boolean mucRoomLocking;
        private boolean allowUnencryptedPlainAuth = true;
        private int scramIterations = 4096;
        private String logLevel = "info";
        private final List<InitialUsers> users = new ArrayList<>();
        private @Nullable TestCertificates tls;

        private Builder() {
        }

        /**
         * TLS on c2s with this certificate (named after {@link #host}): the {@code tls} module (STARTTLS offered,
         * not required) and a direct TLS port ({@link ProsodyServer#directTlsPort()}). Default: no TLS at all.
         */
        public Builder tls(TestCertificates certificates) {
            this.tls = Objects.requireNonNull(certificates, "certificates");
            return this;
        }

        /** The virtual host name (default {@code localhost}); MUC and PubSub are sub-domains of it. */
        public Builder host(String host) {
            this.host = HarnessSupport.requireText(host, "host");
            return this;
        }

        /** The address Prosody binds (default {@code 127.0.0.1}; use 127.0.0.2, ... for more instances). */
        public Builder address(String address) {
            HarnessSupport.inet(HarnessSupport.requireText(address, "address"));
            this.address = address;
            return this;
        }

        /** The c2s port; default: a free port on the address. */
        public Builder c2sPort(int port) {
            this.c2sPort = HarnessSupport.checkPort(port);
            return this;
        }

        /** The HTTP port (BOSH, WebSocket); default: a free port on the address. */
        public Builder httpPort(int port) {
            this.httpPort = HarnessSupport.checkPort(port);
            return this;
        }

        /** Takes the port numbers of another instance (to run on the same ports on another address). */
        public Builder samePortsAs(ProsodyServer other) {
            return c2sPort(other.c2sPort()).httpPort(other.httpPort());
        }

        /** A Lua line added to the global section of the configuration. */
        public Builder extraConfig(String line) {
            extraConfig.add(Objects.requireNonNull(line, "line"));
            return this;
        }

        /** A module added to {@code modules_enabled} (e.g. one from a {@link #pluginPath}). */
        public Builder module(String name) {
            extraModules.add(HarnessSupport.requireText(name, "module name"));
            return this;
        }

        /** A directory added to {@code plugin_paths}. */
        public Builder pluginPath(Path directory) {
            pluginPaths.add(Objects.requireNonNull(directory, "directory"));
            return this;
        }

        /** {@code password_hash} for hashed storage (default SHA-1, i.e. SCRAM-SHA-1). */
        public Builder passwordHash(PasswordHash hash) {
            this.passwordHash = Objects.requireNonNull(hash, "hash");
            return this;
        }

        /** {@code authentication} (default {@code internal_hashed}). */
        public Builder authentication(Authentication authentication) {
            this.authentication = Objects.requireNonNull(authentication, "authentication");
            return this;
        }

        /**
         * Prosody's {@code muc_room_locking} (default here {@code false}, stock Prosody {@code true}): a new room
         * refuses other joins with {@code item-not-found} until its owner configures it.
         */
        public Builder mucRoomLocking(boolean locking) {
            this.mucRoomLocking = locking;
            return this;
        }

        /**
         * {@code consider_bosh_secure} (default false): BOSH sessions count as secure, so PLAIN is offered
         * over plain-HTTP BOSH even with {@code allowUnencryptedPlainAuth(false)}. (Prosody 0.12 sends
         * {@code secure='true'} in the session creation response either way.)
         */
        public Builder considerBoshSecure(boolean secure) {
            this.considerBoshSecure = secure;
            return this;
        }

        /**
         * {@code allow_unencrypted_plain_auth} (default true): PLAIN is offered on insecure c2s and BOSH
         * sessions too. Set it false (with {@code considerBoshSecure(false)}) for a server that hides PLAIN.
         */
        public Builder allowUnencryptedPlainAuth(boolean allow) {
            this.allowUnencryptedPlainAuth = allow;
            return this;
        }

        /** SCRAM iteration count of accounts the harness writes (default 4096, the RFC 5802 minimum advice). */
        public Builder scramIterations(int iterations) {
            if (iterations < 1) {
                throw new IllegalArgumentException("iterations must be positive: " + iterations);
            }
            this.scramIterations = iterations;
            return this;
        }

        /** Minimum Prosody log level: debug, info (default), warn or error. */
        public Builder logLevel(String level) {
            if (!List.of("debug", "info", "warn", "error").contains(level)) {
                throw new IllegalArgumentException("Unknown Prosody log level: " + level);
            }
            this.logLevel = level;
            return this;
        }

        /** The Prosody executable (default: {@code prosody} from the PATH). */
        public Builder executable(Path executable) {
            this.executable = Objects.requireNonNull(executable, "executable");
            return this;
        }

        /** An account created before start. */
        public Builder user(String name, String password) {
            users.add(InitialUsers.one(name, password));
            return this;
        }

        /** Accounts {@code prefix1 .. prefixCOUNT} created before start. */
        public Builder users(String prefix, int count, String password) {
            users.add(InitialUsers.batch(prefix, count, password));
            return this;
        }

        boolean hasExecutable() {
            return executable != null;
        }

        /** Creates the server (ports are chosen now); call {@link ProsodyServer#start()} to run it. */
        public ProsodyServer build() {
            Path exe = executable;
            if (exe == null) {
                exe = findOnPath("prosody");
                if (exe == null) {
                    throw new ProsodyException("prosody is not on the PATH; install it: apt-get install -y prosody");
                }
            }
            return new ProsodyServer(new Settings(exe, host, address, c2sPort, httpPort, List.copyOf(extraConfig),
                    List.copyOf(extraModules), List.copyOf(pluginPaths), passwordHash, authentication,
                    considerBoshSecure, allowUnencryptedPlainAuth, scramIterations, logLevel, List.copyOf(users), mucRoomLocking, tls));
        }
    }
}
