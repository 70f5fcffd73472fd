package org.reactorxmpp.xmpp.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Smoke test of the Prosody harness against the real server. */
class ProsodyHarnessIT {

    private static final String HTTPBIND = "http://jabber.org/protocol/httpbind";
    private static final String STREAMS = "http://etherx.jabber.org/streams";
    private static final String SASL = "urn:ietf:params:xml:ns:xmpp-sasl";

    @RegisterExtension
    static final ProsodyExtension secure = ProsodyExtension.builder()
            .users("user", 10, "secret")
            .user("alice", "wonder land")
            .allowUnencryptedPlainAuth(false)
            .considerBoshSecure(true)
            .build();

    @RegisterExtension
    static final ProsodyExtension strict = ProsodyExtension.builder()
            .name("strict")
            .users("user", 2, "secret")
            .allowUnencryptedPlainAuth(false)
            .build();

    @Test
    void sessionCreationAnswersWithSidAndSaslFeatures(ProsodyServer server) throws Exception {
        HttpResponse<String> response = new RawBosh(server.boshUrl(), server.host()).createSession();

        assertThat(response.statusCode()).isEqualTo(200);
        Element body = parse(response.body());
        assertThat(body.getNamespaceURI()).isEqualTo(HTTPBIND);
        assertThat(body.getLocalName()).isEqualTo("body");
        assertThat(body.getAttribute("sid")).isNotBlank();
        assertThat(body.getAttribute("from")).isEqualTo(server.host());
        assertThat(body.getElementsByTagNameNS(STREAMS, "features").getLength()).isEqualTo(1);
        assertThat(mechanisms(body)).contains("SCRAM-SHA-1", "PLAIN");
        assertThat(server.logText()).contains("Activated service 'c2s' on [127.0.0.1]:" + server.c2sPort())
                .doesNotContain("\terror\t").doesNotContain("\twarn\t");
    }

    @Test
    void missingExecutableIsReportedWithAnInstallHint() {
        try (ProsodyServer server = ProsodyServer.builder().executable(Path.of("/nonexistent/prosody"))
                .build()) {
            assertThatThrownBy(server::start).isInstanceOf(ProsodyException.class)
                    .hasMessageContaining("apt-get install -y prosody");
            assertThat(server.isRunning()).isFalse();
        }
    }

    @Test
    void plainIsOnlyOfferedWhenBoshIsConsideredSecure(@ProsodyInstance("strict") ProsodyServer server)
            throws Exception {
        RawBosh bosh = new RawBosh(server.boshUrl(), server.host());
        Element body = parse(bosh.createSession().body());

        assertThat(mechanisms(body)).contains("SCRAM-SHA-1").doesNotContain("PLAIN");
        assertThat(bosh.plainAuth("user1", "secret")).contains("<failure").contains("encryption-required");
    }

    @Test
    void usersCreatedBeforeStartCanLogIn(ProsodyServer server) {
        assertThat(RawBosh.canLogin(server, "user1", "secret")).isTrue();
        assertThat(RawBosh.canLogin(server, "user10", "secret")).isTrue();
        assertThat(RawBosh.canLogin(server, "alice", "wonder land")).isTrue();
        assertThat(RawBosh.canLogin(server, "user1", "wrong")).isFalse();
        assertThat(RawBosh.canLogin(server, "user11", "secret")).isFalse();
    }

    @Test
    void thousandUsersCreatedWhileRunningCanLogIn(ProsodyServer server) {
        long started = System.nanoTime();
        server.createUsers("bulk", 1000, "bulk-pw");
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("Created 1,000 Prosody accounts in " + millis
                + " ms (1,000 prosodyctl register calls take ~50 s)");

        int n = ThreadLocalRandom.current().nextInt(1, 1001);
        assertThat(server.userExists("bulk" + n)).isTrue();
        assertThat(RawBosh.canLogin(server, "bulk" + n, "bulk-pw")).as("bulk%d", n).isTrue();
        assertThat(RawBosh.canLogin(server, "bulk" + n, "other")).isFalse();
        assertThat(server.userExists("bulk1001")).isFalse();
    }

    @Test
    void sha256AndPlainStorageAccountsCanLogIn() throws Exception {
        try (ProsodyServer sha256 = ProsodyServer.builder().passwordHash(ProsodyServer.PasswordHash.SHA_256)
                .considerBoshSecure(true).user("bob", "pässwörd").build().start();
                ProsodyServer plain = ProsodyServer.builder()
                        .authentication(ProsodyServer.Authentication.INTERNAL_PLAIN)
                        .considerBoshSecure(true).user("carol", "x\"y\\z").build().start()) {
            assertThat(mechanisms(parse(new RawBosh(sha256.boshUrl(), sha256.host()).createSession().body())))
                    .contains("SCRAM-SHA-256").doesNotContain("SCRAM-SHA-1");
            assertThat(RawBosh.canLogin(sha256, "bob", "pässwörd")).isTrue();
            assertThat(RawBosh.canLogin(sha256, "bob", "password")).isFalse();
            sha256.createUser("dave", "later");
            assertThat(RawBosh.canLogin(sha256, "dave", "later")).isTrue();

            assertThat(RawBosh.canLogin(plain, "carol", "x\"y\\z")).isTrue();
            assertThat(RawBosh.canLogin(plain, "carol", "xyz")).isFalse();
        }
    }

    @Test
    void twoInstancesShareThePortNumbersOnDifferentLoopbackAddresses(ProsodyServer first) throws Exception {
        assumeTrue(canBind("127.0.0.2"), "127.0.0.2 cannot be bound on this machine");
        assertThat(first.address()).isEqualTo("127.0.0.1");
        try (ProsodyServer second = ProsodyServer.builder().address("127.0.0.2").samePortsAs(first)
                .user("only-on-second", "pw").considerBoshSecure(true).build().start()) {
            assertThat(second.c2sPort()).isEqualTo(first.c2sPort());
            assertThat(second.httpPort()).isEqualTo(first.httpPort());
            assertThat(second.boshUrl().toString())
                    .isEqualTo("http://127.0.0.2:" + first.httpPort() + "/http-bind");
            assertThat(second.pid()).isNotEqualTo(first.pid());

            assertThat(RawBosh.canLogin(second, "only-on-second", "pw")).isTrue();
            assertThat(RawBosh.canLogin(first, "only-on-second", "pw")).isFalse();
            assertThat(RawBosh.canLogin(first, "user1", "secret")).isTrue();
            assertThat(RawBosh.canLogin(second, "user1", "secret")).isFalse();
        }
    }

    @Test
    void restartKeepsPortsAndAccountsAndKillThenStartWorks() {
        try (ProsodyServer server = ProsodyServer.builder().considerBoshSecure(true).build().start()) {
            server.createUser("survivor", "pw");
            long pid = server.pid();
            int httpPort = server.httpPort();

            server.restart();
            assertThat(server.pid()).isNotEqualTo(pid);
            assertThat(server.httpPort()).isEqualTo(httpPort);
            assertThat(RawBosh.canLogin(server, "survivor", "pw")).isTrue();

            long killed = server.pid();
            server.kill();
            assertThat(server.isRunning()).isFalse();
            assertThat(ProcessHandle.of(killed).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThatThrownBy(() -> RawBosh.canLogin(server, "survivor", "pw")).isInstanceOf(IllegalStateException.class);
            server.kill(); // idempotent
            server.stop(); // idempotent

            server.start();
            assertThat(RawBosh.canLogin(server, "survivor", "pw")).isTrue();
            assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void startFailureCarriesTheLog() {
        ProsodyServer broken = ProsodyServer.builder().extraConfig("this is not lua").build();
        try {
            assertThatThrownBy(broken::start).isInstanceOf(ProsodyException.class)
                    .hasMessageContaining("exited early").hasMessageContaining("prosody.cfg.lua");
            assertThat(broken.isRunning()).isFalse();
        } finally {
            broken.close();
        }
    }

    @Test
    void componentsAreAdvertisedAndPubsubIsOpenToLocalAccounts(ProsodyServer server) {
        RawBosh bosh = new RawBosh(server.boshUrl(), server.host());
        bosh.createSession();
        assertThat(bosh.plainAuth("user2", "secret")).contains("<success");
        assertThat(bosh.restartStream()).contains("urn:ietf:params:xml:ns:xmpp-bind");
        String bound = bosh.send("<iq type='set' id='b1' xmlns='jabber:client'>"
                + "<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></iq>");
        assertThat(bound).contains("user2@" + server.host());
        String items = bosh.send("<iq type='get' id='d1' to='" + server.host() + "' xmlns='jabber:client'>"
                + "<query xmlns='http://jabber.org/protocol/disco#items'/></iq>");
        assertThat(items).contains(server.mucHost()).contains(server.pubsubHost());
        String created = bosh.send("<iq type='set' id='p1' to='" + server.pubsubHost() + "' xmlns='jabber:client'>"
                + "<pubsub xmlns='http://jabber.org/protocol/pubsub'><create node='harness-node'/></pubsub></iq>");
        assertThat(created).contains("id='p1'").contains("type='result'");
    }

    private static boolean canBind(String address) {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(address))) {
            return socket.getLocalPort() > 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static Element parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document document = factory.newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        return document.getDocumentElement();
    }

    private static List<String> mechanisms(Element body) {
        NodeList nodes = body.getElementsByTagNameNS(SASL, "mechanism");
        List<String> result = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            result.add(nodes.item(i).getTextContent().trim());
        }
        return result;
    }
}
