package org.reactorxmpp.bosh.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.reactorxmpp.bosh.BoshTransport;
import org.reactorxmpp.xmpp.session.XmppClient;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.testing.OnBothServers;
import org.reactorxmpp.xmpp.testing.TestAccount;
import org.reactorxmpp.xmpp.testing.XmppTestServer;
import org.reactorxmpp.xmpp.transport.StreamOpen;
import org.reactorxmpp.xmpp.transport.Transport;
import org.reactorxmpp.xmpp.transport.TransportConnection;
import org.reactorxmpp.xmpp.transport.TransportDetails;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * A login over BOSH with every logger of the library and of Reactor Netty at TRACE, captured in memory: the
 * password, its base64 forms and the SASL payloads exchanged (recorded off the transport) appear on no line, while
 * the lines of the session carry its JID and BOSH sid.
 */
@OnBothServers
class LoginLogRedactionIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String SASL_NS = "urn:ietf:params:xml:ns:xmpp-sasl";
    private static final List<String> CATEGORIES = List.of("org.reactorxmpp", "reactor.netty");

    @Parameter
    XmppTestServer server;

    private final Capture capture = new Capture();
    private final Map<Logger, Level> saved = new HashMap<>();
    private final Map<Logger, Boolean> savedAdditivity = new HashMap<>();

    @BeforeEach
    void captureEverything() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        capture.setContext(context);
        capture.start();
        for (Logger logger : new ArrayList<>(context.getLoggerList())) {
            if (CATEGORIES.stream().anyMatch(c -> logger.getName().equals(c) || logger.getName().startsWith(c + "."))) {
                saved.put(logger, logger.getLevel());
                logger.setLevel(Level.TRACE);
            }
        }
        for (String category : CATEGORIES) {
            Logger logger = context.getLogger(category);
            if (!saved.containsKey(logger)) { // not putIfAbsent: a saved null (inherit) would be replaced by TRACE
                saved.put(logger, logger.getLevel());
            }
            logger.setLevel(Level.TRACE);
            savedAdditivity.put(logger, logger.isAdditive());
            logger.setAdditive(false); // into memory only, not onto the console
            logger.addAppender(capture);
        }
    }

    @AfterEach
    void restore() {
        saved.forEach(Logger::setLevel);
        savedAdditivity.forEach((logger, additive) -> {
            logger.detachAppender(capture);
            logger.setAdditive(additive);
        });
        capture.stop();
    }

    @Test
    void scramLoginLogsNoSecretAndEveryLineOfTheSessionNamesItsJidAndSid() {
        loginAndCheck("SCRAM-SHA-1", "scram");
    }

    @Test
    void plainLoginLogsNoSecret() {
        loginAndCheck("PLAIN", "plain");
    }

    private void loginAndCheck(String mechanism, String purpose) {
        String password = "Pw-" + UUID.randomUUID() + "-s3cr3t";
        String localpart = "logs-" + purpose + "-" + UUID.randomUUID().toString().substring(0, 8);
        server.createUser(localpart, password);
        TestAccount account = new TestAccount(localpart, server.host(), password);
        RecordingTransport transport = new RecordingTransport(BoshTransport.builder().url(server.boshUrl()).build());

        XmppSession session = XmppClient.builder().jid(account.jid()).password(password).transport(transport)
            .enabledMechanisms(List.of(mechanism)).unsecureAllowed(true).build()
            .connect().block(TIMEOUT);
        assertThat(session).isNotNull();
        String sid = session.connectionDetails().sessionId().orElseThrow();
        assertThat(sid).isNotBlank();
        StepVerifier.create(session.close()).expectComplete().verify(TIMEOUT);

        List<String> lines = capture.lines();
        String all = String.join("\n", lines);
        assertThat(transport.saslPayloads).as("SASL payloads recorded off the transport").isNotEmpty();
        assertThat(lines).as("wire log lines of the session").anyMatch(l -> l.contains(" >> rid="));
        for (String secret : secrets(password, localpart, transport.saslPayloads)) {
            assertThat(all).as("a secret in the log of a %s login", mechanism).doesNotContain(secret);
        }
        // every line of the library (all about this one session here) starts with its JID, and its sid once known
        List<String> libraryLines = lines.stream().filter(l -> l.startsWith("org.reactorxmpp.")).toList();
        assertThat(libraryLines).as("library lines").isNotEmpty()
            .allSatisfy(l -> assertThat(l).containsPattern(" (TRACE|DEBUG|INFO|WARN|ERROR) \\[\\Q" + account.jid()
                + "\\E(/[^ ]+)? sid=(-|\\Q" + sid + "\\E)\\] "));
        assertThat(libraryLines).as("library lines naming the sid").filteredOn(l -> l.contains(" sid=" + sid + "] "))
            .hasSizeGreaterThan(libraryLines.size() / 2);
        assertThat(lines).as("the BOSH session creation line").anyMatch(l -> l.contains("[" + account.jid() + " sid=" + sid
            + "] BOSH session created"));
        assertThat(lines).as("the binding line").anyMatch(l -> l.contains(" sid=" + sid + "] connection bound"));
    }

    /** The password, its base64 in the three alignments, and each SASL payload (base64 and decoded). */
    private static List<String> secrets(String password, String localpart, List<String> saslPayloads) {
        List<String> secrets = new ArrayList<>();
        secrets.add(password);
        byte[] pw = password.getBytes(StandardCharsets.UTF_8);
        for (int offset = 0; offset < 3; offset++) {
            byte[] shifted = new byte[offset + pw.length];
            System.arraycopy(pw, 0, shifted, offset, pw.length);
            String b64 = Base64.getEncoder().withoutPadding().encodeToString(shifted);
            // the characters that encode password bytes only, whatever precedes and follows them
            int start = offset == 0 ? 0 : 4;
            secrets.add(b64.substring(start, b64.length() - 4));
        }
        for (String payload : saslPayloads) {
            if (payload.isEmpty() || payload.equals("=")) {
                continue;
            }
            secrets.add(payload);
            String decoded = new String(Base64.getDecoder().decode(payload), StandardCharsets.UTF_8);
            secrets.add(decoded.replace("\0", "")); // PLAIN's authcid and password run together without the NULs
            for (String part : decoded.split("[\0,]")) {
                if (part.length() > 8 && !part.equals(localpart)) {
                    secrets.add(part); // SCRAM's nonce, proof, salt, signature; PLAIN's password
                }
            }
        }
        return secrets;
    }

    /** Everything logged, formatted: logger, message and stack trace. */
    private static final class Capture extends AppenderBase<ILoggingEvent> {
        private final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();

        @Override
        protected void append(ILoggingEvent event) {
            String line = event.getLoggerName() + " " + event.getLevel() + " " + event.getFormattedMessage();
            if (event.getThrowableProxy() != null) {
                line += "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy());
            }
            lines.add(line);
        }

        List<String> lines() {
            return new ArrayList<>(lines);
        }
    }

    /** BOSH, with the SASL payloads (both ways) recorded as the application and the server exchange them. */
    private static final class RecordingTransport implements Transport {
        private final Transport delegate;
        final List<String> saslPayloads = new java.util.concurrent.CopyOnWriteArrayList<>();

        RecordingTransport(Transport delegate) {
            this.delegate = delegate;
        }

        @Override
        public Mono<TransportConnection> connect(StreamOpen open) {
            return delegate.connect(open).map(Recording::new);
        }

        private void record(XmlElement element) {
            if (element.namespace().equals(SASL_NS)) {
                saslPayloads.add(element.text().trim());
            }
        }

        private final class Recording implements TransportConnection {
            private final TransportConnection c;

            Recording(TransportConnection c) {
                this.c = c;
            }

            @Override
            public Flux<XmlElement> inbound() {
                return c.inbound().doOnNext(RecordingTransport.this::record);
            }

            @Override
            public Mono<Void> send(XmlElement element) {
                record(element);
                return c.send(element);
            }

            @Override
            public Mono<Void> restart() {
                return c.restart();
            }

            @Override
            public Mono<Void> close(@Nullable XmlElement finalPayload) {
                return c.close(finalPayload);
            }

            @Override
            public Mono<Void> onClose() {
                return c.onClose();
            }

            @Override
            public boolean isSecure() {
                return c.isSecure();
            }

            @Override
            public Optional<String> sessionId() {
                return c.sessionId();
            }

            @Override
            public TransportDetails details() {
                return c.details();
            }
        }
    }
}
