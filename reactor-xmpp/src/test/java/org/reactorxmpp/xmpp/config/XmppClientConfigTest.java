package org.reactorxmpp.xmpp.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.session.DiscoIdentity;
import org.reactorxmpp.xmpp.session.XmppClient;

class XmppClientConfigTest {

    private static final String FULL = "{"
        + "\"httpBindingURL\": \"https://example.com/http-bind\","
        + "\"httpBindingURL_secondary\": \"http://backup.example.com:7070/http-bind/\","
        + "\"serviceDiscoveryEnabled\": false,"
        + "\"unsecureAllowed\": true,"
        + "\"enabledMechanisms\": [\"SCRAM-SHA-1\", \"PLAIN\"],"
        + "\"baseReconnectCountdown\": 30,"
        + "\"bindRetryCountdown\": 2.5,"
        + "\"persistDuration\": 600,"
        + "\"capabilityFeatures\": [\"urn:xmpp:receipts\", \"jabber:x:data\"],"
        + "\"capabilityIdentity\": {\"category\": \"client\", \"type\": \"web\", \"name\": \"Demo\"},"
        + "\"jid\": \"alice@example.com/desk\","
        + "\"resource\": \"laptop\","
        + "\"requestTimeout\": 12,"
        + "\"connectTimeout\": 7,"
        + "\"sendInitialPresence\": false,"
        + "\"lang\": \"fr\""
        + "}";

    private static XmppConfigException error(String json) {
        try {
            XmppClientConfig.fromJson(json);
        } catch (XmppConfigException e) {
            return e;
        }
        throw new AssertionError("no XmppConfigException for " + json);
    }

    @Test
    void readsEveryKey() {
        XmppClientConfig c = XmppClientConfig.fromJson(FULL);
        assertThat(c.httpBindingUrl()).contains(URI.create("https://example.com/http-bind"));
        assertThat(c.httpBindingUrlSecondary()).contains(URI.create("http://backup.example.com:7070/http-bind/"));
        assertThat(c.serviceDiscoveryEnabled()).contains(false);
        assertThat(c.unsecureAllowed()).contains(true);
        assertThat(c.enabledMechanisms()).contains(List.of("SCRAM-SHA-1", "PLAIN"));
        assertThat(c.baseReconnectCountdown()).contains(Duration.ofSeconds(30));
        assertThat(c.bindRetryCountdown()).contains(Duration.ofMillis(2500));
        assertThat(c.persistDuration()).contains(Duration.ofMinutes(10));
        assertThat(c.capabilityFeatures()).contains(List.of("urn:xmpp:receipts", "jabber:x:data"));
        assertThat(c.capabilityIdentity()).contains(DiscoIdentity.of("client", "web", "Demo"));
        assertThat(c.jid()).contains(Jid.parse("alice@example.com/desk"));
        assertThat(c.resource()).contains("laptop");
        assertThat(c.requestTimeout()).contains(Duration.ofSeconds(12));
        assertThat(c.connectTimeout()).contains(Duration.ofSeconds(7));
        assertThat(c.sendInitialPresence()).contains(false);
        assertThat(c.lang()).contains("fr");
    }

    @Test
    void emptyObjectHasNothingAndNullMeansAbsent() {
        XmppClientConfig c = XmppClientConfig.fromJson("{\"jid\": null, \"httpBindingURL\": null}");
        assertThat(c.jid()).isEmpty();
        assertThat(c.httpBindingUrl()).isEmpty();
        assertThat(XmppClientConfig.fromJson("{}").bindRetryCountdown()).isEmpty();
    }

    @Test
    void zeroIsAllowedForReconnectCountdownAndPersistDuration() {
        XmppClientConfig c = XmppClientConfig.fromJson("{\"baseReconnectCountdown\": 0, \"persistDuration\": 0}");
        assertThat(c.baseReconnectCountdown()).contains(Duration.ZERO);
        assertThat(c.persistDuration()).contains(Duration.ZERO);
    }

    @Test
    void readsFromAStreamAndFromAJsonNode() throws IOException {
        InputStream in = new ByteArrayInputStream(FULL.getBytes(StandardCharsets.UTF_8));
        assertThat(XmppClientConfig.fromJson(in).jid()).contains(Jid.parse("alice@example.com/desk"));
        XmppClientConfig fromNode = XmppClientConfig.fromJson(new ObjectMapper().readTree(FULL));
        assertThat(fromNode.persistDuration()).contains(Duration.ofMinutes(10));
    }

    @Test
    void appliesItselfToABuilder() {
        XmppClientConfig c = XmppClientConfig.fromJson(FULL);
        XmppClient.Builder b = c.applyTo(XmppClient.builder());
        XmppClient client = b.password("secret")
            .transport(open -> reactor.core.publisher.Mono.never())
            .build();
        assertThat(client.jid()).isEqualTo(Jid.parse("alice@example.com"));
    }

    @Test
    void theTwoUrlsBecomeFailoverCandidatesInOrder() {
        // both URLs are down: the client tries httpBindingURL, then httpBindingURL_secondary, and names both
        List<java.net.URI> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        XmppClient client = XmppClientConfig.fromJson(FULL)
            .applyTo(XmppClient.builder().password("secret"), url -> {
                asked.add(url);
                return open -> reactor.core.publisher.Mono.error(
                    new org.reactorxmpp.xmpp.transport.TransportException("refused: " + url, true));
            }, org.reactorxmpp.xmpp.failover.NodeStore.none())
            .reconnect(org.reactorxmpp.xmpp.session.Reconnect.disabled())
            .build();

        reactor.test.StepVerifier.create(client.connect())
            .expectErrorSatisfies(e -> assertThat(e)
                .isInstanceOf(org.reactorxmpp.xmpp.failover.FailoverExhaustedException.class)
                .hasMessageContaining("https://example.com/http-bind")
                .hasMessageContaining("http://backup.example.com:7070/http-bind/"))
            .verify(Duration.ofSeconds(10));
        assertThat(asked).containsExactly(java.net.URI.create("https://example.com/http-bind"),
            java.net.URI.create("http://backup.example.com:7070/http-bind/"));
    }

    @Test
    void serviceDiscoveryEnabledWalksTheServiceDiscoveryNodes() {
        List<java.net.URI> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        XmppClient client = XmppClientConfig.fromJson(FULL.replace("\"serviceDiscoveryEnabled\": false", "\"serviceDiscoveryEnabled\": true"))
            .applyTo(XmppClient.builder().password("secret"), url -> {
                asked.add(url);
                return open -> reactor.core.publisher.Mono.error(
                    new org.reactorxmpp.xmpp.transport.TransportException("refused: " + url, true));
            }, org.reactorxmpp.xmpp.failover.NodeStore.none())
            .reconnect(org.reactorxmpp.xmpp.session.Reconnect.disabled())
            .build();

        reactor.test.StepVerifier.create(client.connect())
            .expectError(org.reactorxmpp.xmpp.failover.FailoverExhaustedException.class)
            .verify(Duration.ofSeconds(10));
        // primary SD, then secondary SD (no stored home/backup nodes)
        assertThat(asked).containsExactly(java.net.URI.create("https://example.com/http-bind"),
            java.net.URI.create("http://backup.example.com:7070/http-bind/"));
    }

    @Test
    void connectingWithoutHttpBindingUrlIsReportedWithTheKey() {
        XmppConfigException e = org.assertj.core.api.Assertions.catchThrowableOfType(
            () -> XmppClientConfig.fromJson("{\"jid\": \"alice@example.com\"}")
                .applyTo(XmppClient.builder(), url -> open -> reactor.core.publisher.Mono.never(),
                    org.reactorxmpp.xmpp.failover.NodeStore.none()),
            XmppConfigException.class);
        assertThat(e.key()).contains("httpBindingURL");
        assertThat(e).hasMessageContaining("'httpBindingURL' is required");
    }

    @Test
    void applyingBadMechanismNamesIsReportedAtReadTime() {
        XmppConfigException e = error("{\"enabledMechanisms\": [\"SCRAM-SHA-1\", \"X-UNKNOWN\"]}");
        assertThat(e.key()).contains("enabledMechanisms");
        assertThat(e).hasMessageContaining("'enabledMechanisms'").hasMessageContaining("X-UNKNOWN");
    }

    @Test
    void unknownKeySuggestsTheClosestKnownOne() {
        XmppConfigException e = error("{\"httpBindingUrl\": \"https://example.com/http-bind\"}");
        assertThat(e).hasMessage("unknown key 'httpBindingUrl' (did you mean 'httpBindingURL'?)");
        assertThat(e.key()).contains("httpBindingUrl");
        assertThat(error("{\"bindRetryCountdwn\": 3}"))
            .hasMessage("unknown key 'bindRetryCountdwn' (did you mean 'bindRetryCountdown'?)");
    }

    @Test
    void unknownKeyWithoutNearMatchListsTheKnownKeys() {
        assertThat(error("{\"password\": \"secret\"}"))
            .hasMessageStartingWith("unknown key 'password' (known keys: httpBindingURL, ")
            .hasMessageContaining("capabilityIdentity");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "httpBindingURL|\"not a url\"|'httpBindingURL' must be an absolute http or https URL, got \"not a url\"",
        "httpBindingURL|\"ftp://example.com/x\"|'httpBindingURL' must be an absolute http or https URL, got \"ftp://example.com/x\"",
        "httpBindingURL|42|'httpBindingURL' must be an absolute http or https URL, got 42",
        "httpBindingURL_secondary|\"/http-bind\"|'httpBindingURL_secondary' must be an absolute http or https URL, got \"/http-bind\"",
        "serviceDiscoveryEnabled|\"yes\"|'serviceDiscoveryEnabled' must be true or false, got \"yes\"",
        "unsecureAllowed|1|'unsecureAllowed' must be true or false, got 1",
        "enabledMechanisms|\"PLAIN\"|'enabledMechanisms' must be an array of strings, got \"PLAIN\"",
        "enabledMechanisms|[\"PLAIN\", 3]|'enabledMechanisms'[1] must be a non-blank string, got 3",
        "enabledMechanisms|[]|'enabledMechanisms' is not valid: ",
        "baseReconnectCountdown|-1|'baseReconnectCountdown' must be a number of seconds >= 0, got -1",
        "baseReconnectCountdown|\"10\"|'baseReconnectCountdown' must be a number of seconds >= 0, got \"10\"",
        "bindRetryCountdown|\"abc\"|'bindRetryCountdown' must be a number of seconds > 0, got \"abc\"",
        "bindRetryCountdown|0|'bindRetryCountdown' must be a number of seconds > 0, got 0",
        "bindRetryCountdown|1e30|'bindRetryCountdown' must be a number of seconds > 0 and at most",
        "persistDuration|true|'persistDuration' must be a number of seconds >= 0, got true",
        "capabilityFeatures|[\"\"]|'capabilityFeatures'[0] must be a non-blank string, got \"\"",
        "capabilityFeatures|{}|'capabilityFeatures' must be an array of strings, got {}",
        "capabilityIdentity|\"client\"|'capabilityIdentity' must be an object",
        "capabilityIdentity|{\"category\": \"client\"}|'capabilityIdentity.type' is required",
        "capabilityIdentity|{\"category\": \"client\", \"type\": 5}|'capabilityIdentity.type' must be a non-blank string, got 5",
        "capabilityIdentity|{\"category\": \"client\", \"type\": \"pc\", \"nmae\": \"x\"}|unknown key 'capabilityIdentity.nmae' (did you mean 'name'?)",
        "jid|\"example.com\"|'jid' must be an account JID with a localpart (user@domain), got \"example.com\"",
        "jid|\"@example.com\"|'jid' must be a JID like \"user@example.com\", got \"@example.com\"",
        "jid|7|'jid' must be a JID string like \"user@example.com\", got 7",
        "resource|\" \"|'resource' must be a non-blank string, got \" \"",
        "requestTimeout|-0.5|'requestTimeout' must be a number of seconds > 0, got -0.5",
        "connectTimeout|[]|'connectTimeout' must be a number of seconds > 0, got []",
        "sendInitialPresence|null|",
        "lang|false|'lang' must be a non-blank string, got false",
    })
    void badValueNamesTheKey(String key, String value, String message) {
        String json = "{\"" + key + "\": " + value + "}";
        if (message == null) {
            // null stands for an absent value
            assertThat(XmppClientConfig.fromJson(json).sendInitialPresence()).isEmpty();
            return;
        }
        XmppConfigException e = error(json);
        assertThat(e.key()).contains(key);
        assertThat(e).hasMessageStartingWith(message);
    }

    @Test
    void malformedJsonIsAConfigExceptionWithoutKey() {
        XmppConfigException e = error("{\"jid\": \"alice@example.com\",}");
        assertThat(e.key()).isEmpty();
        assertThat(e).hasMessageStartingWith("malformed JSON configuration: ").hasMessageContaining("line 1");
        assertThat(error("{\"jid\": \"a@b\"} trailing")).hasMessageStartingWith("malformed JSON configuration: ");
        assertThat(error("{\"jid\": \"a@b\", \"jid\": \"c@d\"}")).hasMessageContaining("jid");
        assertThat(error("")).hasMessageStartingWith("malformed JSON configuration");
        assertThat(error("[1, 2]")).hasMessage("the configuration must be a JSON object, got ARRAY");
        assertThatThrownBy(() -> XmppClientConfig.fromJson(
            new ByteArrayInputStream("{".getBytes(StandardCharsets.UTF_8))))
            .isInstanceOf(XmppConfigException.class)
            .hasMessageStartingWith("malformed JSON configuration: ");
    }

    @Test
    void streamReadFailureIsAConfigException() {
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("disk on fire");
            }
        };
        assertThatThrownBy(() -> XmppClientConfig.fromJson(failing))
            .isInstanceOf(XmppConfigException.class)
            .hasMessageContaining("disk on fire");
    }

    @Test
    void suggestionNeedsANearMatch() {
        assertThat(XmppClientConfig.suggest("JID", XmppClientConfig.KEYS)).isEqualTo("jid");
        assertThat(XmppClientConfig.suggest("langs", XmppClientConfig.KEYS)).isEqualTo("lang");
        assertThat(XmppClientConfig.suggest("completelyDifferent", XmppClientConfig.KEYS)).isNull();
    }
}
