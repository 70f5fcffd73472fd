package org.reactorxmpp.xmpp.testing;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * A throw-away ejabberd (23.01, Debian's package) on a loopback address, for integration tests,
 * benchmarks and samples. Plain Java (no JUnit); see {@link XmppServers} for the JUnit 5 wiring.
 *
 * <p>{@link #start()} writes a generated {@code ejabberd.yml} into a fresh temporary directory (config,
 * Mnesia spool and logs all inside it) and runs the Erlang VM <em>directly</em>, with the flags Debian's
 * {@code ejabberdctl foreground} would use, because the script as shipped does not fit tests: run as
 * root it re-executes itself through {@code su ejabberd}, whose pam_limits drops the open-files limit to
 * 1,024 (the node then dies at about 1,000 BOSH connections), and it keeps a shell as the parent, so the
 * PID we hold would not be the server's. Here the PID is {@code beam.smp}'s own ({@code erl} execs it),
 * the fd limit is the JVM's, the node has its own cookie, distribution listens on a free loopback port
 * and no epmd is started. Listeners use a backlog of 4096 (ejabberd's default of 5 drops connections
 * when hundreds of clients connect at once). Start-up takes about 2 s.
 *
 * <p>Endpoints: c2s on {@link #c2sPort()}, and on {@link #httpPort()} BOSH ({@code /http-bind}),
 * WebSocket ({@code /xmpp-websocket}) and {@code mod_http_api} ({@code /api}, loopback clients only).
 * Accounts are created through {@code erl_call} on the running node ({@link #createUsers}: 1,000 in
 * about 0.25 s).
 *
 * <pre>{@code
 * try (EjabberdServer ejabberd = EjabberdServer.builder().users("user", 10, "secret").build()) {
 *     ejabberd.start();
 *     URI bosh = ejabberd.boshUrl();           // http://127.0.0.1:PORT/http-bind
 *     ejabberd.createUser("late", "pw");       // usable at once
 * }
 * }</pre>
 */
public final class EjabberdServer extends LocalServer {

    /** Debian's control script: where the harness reads the Erlang library path from. */
    static final Path DEBIAN_EJABBERDCTL = Path.of("/usr/sbin/ejabberdctl");

    /** The SCRAM hash ejabberd stores ({@code auth_scram_hash}): it offers only that SCRAM variant (and PLAIN). */
    public enum ScramHash {
        SHA_1("sha"),
        SHA_256("sha256"),
        SHA_512("sha512");

        private final String ejabberdName;

        ScramHash(String ejabberdName) {
            this.ejabberdName = ejabberdName;
        }

        String ejabberdName() {
            return ejabberdName;
        }
    }

    /** Immutable builder values. */
    record Settings(EjabberdInstallation installation, String host, String address, int c2sPort, int httpPort,
            List<String> extraConfig, String logLevel, int boshMaxInactivitySeconds, ScramHash scramHash,
            List<InitialUsers> users, @Nullable TestCertificates tls) {
    }

    private final Settings settings;
    private final int c2sPort;
    private final int httpPort;
    private final int distPort;
    /** The c2s direct TLS (XEP-0368) port, or 0 without {@link Builder#tls}. */
    private final int directTlsPort;
    /** The HTTPS port (WebSocket over TLS at {@code /xmpp-websocket}), or 0 without {@link Builder#tls}. */
    private final int httpsPort;
    private final String cookie;
    private final Path dir;
    private final EjabberdAccounts accounts;
    private boolean configured;

    private EjabberdServer(Settings settings) {
        this.settings = settings;
        InetAddress bind = HarnessSupport.inet(settings.address());
        this.c2sPort = settings.c2sPort() > 0 ? settings.c2sPort() : HarnessSupport.freePort(bind);
        this.httpPort = settings.httpPort() > 0 ? settings.httpPort() : HarnessSupport.freePort(bind);
        this.distPort = HarnessSupport.freePort(bind);
        this.directTlsPort = settings.tls() == null ? 0 : HarnessSupport.freePort(bind);
        this.httpsPort = settings.tls() == null ? 0 : HarnessSupport.freePort(bind);
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        this.cookie = "reactorxmpp" + HexFormat.of().formatHex(secret);
        this.dir = instanceDirectory("ejabberd", settings.address());
        this.accounts = new EjabberdAccounts(settings.installation().erlCall(), cookie, settings.address(), distPort,
                settings.host());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** @return the c2s direct TLS (XEP-0368) port; 0 unless built with {@link Builder#tls} */
    public int directTlsPort() {
        return directTlsPort;
    }

    /** @return the HTTPS port serving WebSocket ({@code wss://HOST:PORT/xmpp-websocket}); 0 unless built with {@link Builder#tls} */
    public int httpsPort() {
        return httpsPort;
    }

    /** Whether Debian's ejabberd (and the Erlang runtime it needs) is installed. */
    public static boolean isInstalled() {
        return EjabberdInstallation.find(DEBIAN_EJABBERDCTL) != null;
    }

    @Override
    public String name() {
        return "ejabberd";
    }

    /**
     * Starts ejabberd, waits (at most 60 s) until c2s and BOSH answer, then creates the builder's
     * accounts (first start only). After {@link #stop()} or {@link #kill()} this starts it again on the
     * same ports with the same spool (accounts survive).
     *
     * @throws EjabberdException if it exits early or does not come up in time (the message has the log)
     * @throws IllegalStateException if it is running already
     */
    @Override
    public synchronized EjabberdServer start() {
        requireStopped();
        if (!configured) {
            EjabberdConfigFile.write(this, settings, dir);
        }
        ProcessBuilder pb = ServerProcess.inDirectory(command(), dir.resolve("spool"), dir.resolve("console.log"));
        Map<String, String> env = pb.environment();
        env.put("HOME", dir.toString());
        env.put("ERL_LIBS", settings.installation().erlLibs().toString());
        env.put("EJABBERD_CONFIG_PATH", dir.resolve("ejabberd.yml").toString());
        env.put("EJABBERD_LOG_PATH", dir.resolve("logs/ejabberd.log").toString());
        env.put("ERL_CRASH_DUMP", dir.resolve("logs/erl_crash.dump").toString());
        env.put("ERL_CRASH_DUMP_BYTES", "0");
        env.put("ERL_MAX_PORTS", "32000");
        env.put("ERL_MAX_ETS_TABLES", "1400");
        launch(pb, "install ejabberd: apt-get install -y ejabberd");
        if (!configured) {
            create(settings.users());
            configured = true;
        }
        return this;
    }

    /** What {@code ejabberdctl foreground} runs, plus a node name, cookie and distribution port of our own. */
    private List<String> command() {
        List<String> command = new ArrayList<>(List.of(settings.installation().erl().toString(),
                "-sname", "reactorxmpp-" + httpPort + "@localhost",
                "-setcookie", cookie,
                "+K", "true", "+P", "250000",
                "-kernel", "inet_dist_use_interface", erlangTuple(settings.address()),
                // distribution on our port, without epmd (what ejabberdctl does when ERL_DIST_PORT is set)
                "-erl_epmd_port", Integer.toString(distPort), "-start_epmd", "false",
                "-mnesia", "dir", "\"" + dir.resolve("spool") + "\"",
                "-s", "ejabberd", "-noinput"));
        return command;
    }

    private static String erlangTuple(String address) {
        byte[] bytes = HarnessSupport.inet(address).getAddress();
        List<String> parts = new ArrayList<>();
        for (byte b : bytes) {
            parts.add(Integer.toString(b & 0xff));
        }
        return parts.stream().collect(Collectors.joining(",", "{", "}"));
    }

    @Override
    public synchronized EjabberdServer restart() {
        stop();
        return start();
    }

    /** Creates (or overwrites) one account. @throws IllegalStateException if not running */
    @Override
    public EjabberdServer createUser(String name, String password) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(password, "password");
        requireRunning();
        accounts.create(name, password);
        return this;
    }

    /** Creates (or overwrites) {@code prefix1 .. prefixCOUNT}, hashing the password once. */
    @Override
    public EjabberdServer createUsers(String prefix, int count, String password) {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(password, "password");
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
        requireRunning();
        accounts.createBatch(prefix, count, password);
        return this;
    }

    /** Whether the account exists. @throws IllegalStateException if not running */
    public boolean userExists(String name) {
        requireRunning();
        return accounts.exists(name);
    }

    private void requireRunning() {
        if (!isRunning()) {
            throw new IllegalStateException("ejabberd is not running: accounts are created on the live node");
        }
    }

    @Override
    public String host() {
        return settings.host();
    }

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

    /** {@code http://ADDRESS:PORT/api}: mod_http_api, open to loopback clients (e.g. {@code POST /api/register}). */
    public URI apiUrl() {
        return URI.create("http://" + settings.address() + ":" + httpPort + "/api");
    }

    /** The BOSH {@code inactivity} ejabberd announces (mod_bosh {@code max_inactivity}). */
    public int boshMaxInactivitySeconds() {
        return settings.boshMaxInactivitySeconds();
    }

    /** The instance directory (config, spool, logs). */
    @Override
    public Path directory() {
        return dir;
    }

    /**
     * ejabberd's log, followed by what the VM printed that is not a log line (e.g. a boot failure);
     * empty if nothing was written yet.
     */
    @Override
    public String logText() {
        String console = HarnessSupport.read(dir.resolve("console.log")).lines()
                .filter(line -> !line.matches("^\\d{4}-\\d\\d-\\d\\d .*"))
                .collect(Collectors.joining("\n"));
        return HarnessSupport.read(dir.resolve("logs/ejabberd.log")) + console;
    }

    @Override
    RuntimeException failure(String message, @Nullable Throwable cause) {
        return cause == null ? new EjabberdException(message) : new EjabberdException(message, cause);
    }

    @Override
    String describe() {
        return "address " + settings.address() + ", c2s " + c2sPort + ", http " + httpPort + ", dist " + distPort
                + ", dir " + dir;
    }

    @Override
    public String toString() {
        return "EjabberdServer[" + settings.host() + ", " + describe() + "]";
    }

    /** Builder; every option has a default that works on a developer machine. */
    public static final class Builder {

        private @Nullable Path ejabberdctl;
        private String host = "localhost";
        private String address = "127.0.0.1";
        private int c2sPort;
        private int httpPort;
        private final List<String> extraConfig = new ArrayList<>();
        /**
         * TLS on c2s with this certificate ({@code certfiles}): STARTTLS offered (not required) on the c2s port and
         * a direct TLS listener on {@link EjabberdServer#directTlsPort()}. Default: no TLS at all.
         */
        private @Nullable TestCertificates tls;
        private String logLevel = "info";
        private int boshMaxInactivitySeconds = 60;
        private ScramHash scramHash = ScramHash.SHA_1;
        private final List<InitialUsers> users = new ArrayList<>();

        private Builder() {
        }

        /** The virtual host (default {@code localhost}); MUC and PubSub are sub-domains of it. */
        public Builder host(String host) {
            this.host = HarnessSupport.requireText(host, "host");
            return this;
        }

        /** The address ejabberd binds (default {@code 127.0.0.1}). */
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

        /** The HTTP port (BOSH, WebSocket, API); default: a free port on the address. */
        public Builder httpPort(int port) {
            this.httpPort = HarnessSupport.checkPort(port);
            return this;
        }

        /** A top-level YAML line appended to the configuration (no {@code modules:} key: that exists). */
        public Builder tls(TestCertificates certificates) {
            this.tls = Objects.requireNonNull(certificates, "certificates");
            return this;
        }

        /** A YAML line added at the end of the configuration (top level). */
        public Builder extraConfig(String line) {
            extraConfig.add(Objects.requireNonNull(line, "line"));
            return this;
        }

        /** ejabberd's {@code loglevel}: none, emergency, alert, critical, error, warning, notice, info (default), debug. */
        public Builder logLevel(String level) {
            if (!List.of("none", "emergency", "alert", "critical", "error", "warning", "notice", "info", "debug")
                    .contains(level)) {
                throw new IllegalArgumentException("Unknown ejabberd log level: " + level);
            }
            this.logLevel = level;
            return this;
        }

        /** mod_bosh {@code max_inactivity} in seconds (default 60, as the Prosody harness). */
        public Builder boshMaxInactivity(int seconds) {
            if (seconds < 1) {
                throw new IllegalArgumentException("seconds must be positive: " + seconds);
            }
            this.boshMaxInactivitySeconds = seconds;
            return this;
        }

        /** {@code auth_scram_hash} (default SHA-1, i.e. SCRAM-SHA-1): the one SCRAM variant offered. */
        public Builder scramHash(ScramHash hash) {
            this.scramHash = Objects.requireNonNull(hash, "hash");
            return this;
        }

        /** Debian's {@code ejabberdctl} whose Erlang paths are used (default {@code /usr/sbin/ejabberdctl}). */
        public Builder ejabberdctl(Path script) {
            this.ejabberdctl = Objects.requireNonNull(script, "script");
            return this;
        }

        /** An account created at first start. */
        public Builder user(String name, String password) {
            users.add(InitialUsers.one(name, password));
            return this;
        }

        /** Accounts {@code prefix1 .. prefixCOUNT} created at first start. */
        public Builder users(String prefix, int count, String password) {
            users.add(InitialUsers.batch(prefix, count, password));
            return this;
        }

        /**
         * Creates the server (ports are chosen now); call {@link EjabberdServer#start()} to run it.
         *
         * @throws EjabberdException if ejabberd is not installed
         */
        public EjabberdServer build() {
            Path script = ejabberdctl == null ? DEBIAN_EJABBERDCTL : ejabberdctl;
            EjabberdInstallation installation = EjabberdInstallation.find(script);
            if (installation == null) {
                throw new EjabberdException("ejabberd is not installed (no usable " + script
                        + "); install it: apt-get install -y ejabberd");
            }
            return new EjabberdServer(new Settings(installation, host, address, c2sPort, httpPort,
                    List.copyOf(extraConfig), logLevel, boshMaxInactivitySeconds, scramHash, List.copyOf(users), tls));
        }
    }
}
