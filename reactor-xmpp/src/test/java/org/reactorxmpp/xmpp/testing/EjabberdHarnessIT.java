package org.reactorxmpp.xmpp.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Self-test of the ejabberd harness against the real server (Debian's ejabberd 23.01). */
class EjabberdHarnessIT {

    private static EjabberdServer server;
    private static long startMillis;

    @BeforeAll
    static void start() {
        XmppServers.requireInstalled(XmppServerKind.EJABBERD);
        server = EjabberdServer.builder().users("user", 10, "secret").user("alice", "wönder land\"'\\").build();
        long started = System.nanoTime();
        server.start();
        startMillis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("ejabberd started in " + startMillis + " ms: " + server);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void sessionCreationAnnouncesEjabberdsBoshParametersAndBothMechanisms() {
        HttpResponse<String> response = new RawBosh(server.boshUrl(), server.host()).createSession();

        assertThat(response.statusCode()).isEqualTo(200);
        String body = response.body();
        assertThat(attribute(body, "ver")).isEqualTo("1.11");
        assertThat(attribute(body, "requests")).isEqualTo("2");
        assertThat(attribute(body, "hold")).isEqualTo("1");
        assertThat(attribute(body, "inactivity")).isEqualTo(Integer.toString(server.boshMaxInactivitySeconds()));
        assertThat(attribute(body, "from")).isEqualTo(server.host());
        assertThat(mechanisms(body)).contains("SCRAM-SHA-1", "PLAIN").doesNotContain("DIGEST-MD5");
        assertThat(startMillis).as("start-up time (ms)").isLessThan(20_000);
    }

    @Test
    void usersCreatedAtStartCanLogIn() {
        assertThat(RawBosh.canLogin(server, "user1", "secret")).isTrue();
        assertThat(RawBosh.canLogin(server, "user10", "secret")).isTrue();
        assertThat(RawBosh.canLogin(server, "alice", "wönder land\"'\\")).isTrue();
        assertThat(RawBosh.canLogin(server, "user1", "wrong")).isFalse();
        assertThat(RawBosh.canLogin(server, "user11", "secret")).isFalse();
    }

    @Test
    void thousandUsersCreatedWhileRunningCanLogIn() {
        long started = System.nanoTime();
        server.createUsers("bulk", 1000, "bulk-pw");
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("Created 1,000 ejabberd accounts in " + millis + " ms");

        int n = ThreadLocalRandom.current().nextInt(1, 1001);
        assertThat(server.userExists("bulk" + n)).isTrue();
        assertThat(server.userExists("bulk1001")).isFalse();
        assertThat(RawBosh.canLogin(server, "bulk" + n, "bulk-pw")).as("bulk%d", n).isTrue();
        assertThat(RawBosh.canLogin(server, "bulk" + n, "other")).isFalse();
        // creating again overwrites, like the Prosody harness
        server.createUser("bulk" + n, "changed");
        assertThat(RawBosh.canLogin(server, "bulk" + n, "changed")).isTrue();
        assertThat(RawBosh.canLogin(server, "bulk" + n, "bulk-pw")).isFalse();
    }

    @Test
    void freshAccountsAreUniqueAndUsable() {
        List<TestAccount> first = server.newAccounts("fresh", 2);
        List<TestAccount> second = server.newAccounts("fresh", 2);
        assertThat(first).doesNotContainAnyElementsOf(second);
        assertThat(first.get(0).host()).isEqualTo(server.host());
        assertThat(RawBosh.canLogin(server, second.get(1).localpart(), second.get(1).password())).isTrue();
    }

    @Test
    void theHttpApiRegistersUsersFromLoopback() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder()
                .uri(server.apiUrl().resolve("/api/register"))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"viaapi\",\"host\":\"" + server.host()
                        + "\",\"password\":\"api-pw\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(RawBosh.canLogin(server, "viaapi", "api-pw")).isTrue();
    }

    @Test
    void theServerIsTheBeamProcessWithTheJvmsFdLimitAndNoEpmd() throws Exception {
        long pid = server.pid();
        assertThat(Files.readString(Path.of("/proc/" + pid + "/comm")).trim()).isEqualTo("beam.smp");
        assertThat(openFilesLimit(Path.of("/proc/" + pid + "/limits")))
                .isEqualTo(openFilesLimit(Path.of("/proc/self/limits")));
        assertThat(ProcessHandle.of(pid).orElseThrow().children().map(c -> c.info().command().orElse("")))
                .noneMatch(command -> command.endsWith("epmd"));
        assertThat(Files.readString(server.directory().resolve("ejabberd.yml"))).contains("backlog: 4096");
    }

    @Test
    void componentsAreAdvertisedAndPubsubIsOpenToLocalAccounts() {
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

    @Test
    void restartKeepsPortsAndAccountsAndKillThenStartWorks() {
        try (EjabberdServer own = EjabberdServer.builder().build().start()) {
            own.createUser("survivor", "pw");
            long pid = own.pid();
            int httpPort = own.httpPort();

            own.restart();
            assertThat(own.pid()).isNotEqualTo(pid);
            assertThat(own.httpPort()).isEqualTo(httpPort);
            assertThat(RawBosh.canLogin(own, "survivor", "pw")).isTrue();

            long killed = own.pid();
            own.kill();
            assertThat(own.isRunning()).isFalse();
            assertThat(ProcessHandle.of(killed).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThatThrownBy(() -> own.createUser("x", "y")).isInstanceOf(IllegalStateException.class);
            own.kill(); // idempotent
            own.stop(); // idempotent

            own.start();
            assertThat(RawBosh.canLogin(own, "survivor", "pw")).isTrue();
            assertThatThrownBy(own::start).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void startFailureCarriesTheLog() {
        EjabberdServer broken = EjabberdServer.builder().extraConfig("no_such_option: 42").build();
        try {
            assertThatThrownBy(broken::start).isInstanceOf(EjabberdException.class)
                    .hasMessageContaining("exited early").hasMessageContaining("no_such_option");
            assertThat(broken.isRunning()).isFalse();
        } finally {
            broken.close();
        }
    }

    @Test
    void missingInstallationIsReportedWithAnInstallHint() {
        assertThatThrownBy(() -> EjabberdServer.builder().ejabberdctl(Path.of("/nonexistent/ejabberdctl")).build())
                .isInstanceOf(EjabberdException.class).hasMessageContaining("apt-get install -y ejabberd");
    }

    private static String attribute(String xml, String name) {
        Matcher m = Pattern.compile("\\s" + name + "=['\"]([^'\"]*)['\"]").matcher(xml);
        return m.find() ? m.group(1) : "(absent)";
    }

    private static List<String> mechanisms(String xml) {
        Matcher m = Pattern.compile("<mechanism>([^<]+)</mechanism>").matcher(xml);
        List<String> result = new ArrayList<>();
        while (m.find()) {
            result.add(m.group(1));
        }
        return result;
    }

    private static String openFilesLimit(Path limits) throws Exception {
        return Files.readAllLines(limits).stream().filter(l -> l.startsWith("Max open files")).findFirst().orElseThrow();
    }
}
