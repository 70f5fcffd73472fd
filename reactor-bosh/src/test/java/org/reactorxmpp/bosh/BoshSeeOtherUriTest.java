package org.reactorxmpp.bosh;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.reactorxmpp.bosh.FakeConnectionManager.Reply;
import org.reactorxmpp.xmpp.transport.StreamOpen;
import org.reactorxmpp.xmpp.transport.TransportConnection;

import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** XEP-0124 section 17.2 {@code see-other-uri}: which URIs may be followed, and following them on connect. */
class BoshSeeOtherUriTest {

    static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final List<FakeConnectionManager> managers = new ArrayList<>();

    @AfterEach
    void stop() {
        managers.forEach(FakeConnectionManager::close);
    }

    @ParameterizedTest(name = "{0} -> {1}: {2} / same site: {3}")
    @CsvSource({
        // same host: scheme upgrade, port and path changes
        "http://example.com/http-bind, https://example.com/http-bind, accept, accept",
        "https://example.com/http-bind, https://example.com:5281/bosh, accept, accept",
        "http://example.com/http-bind, http://example.com/other, accept, accept",
        "https://EXAMPLE.com/http-bind, https://example.COM./x, accept, accept",
        "http://127.0.0.1:5280/http-bind, http://127.0.0.1:5281/http-bind, accept, accept",
        // another host of the same registrable domain: only with the opt-in (the XEP's own example is one)
        "http://httpcm.jabber.org/webclient, https://secure.jabber.org/xmppcm, only the same host, accept",
        "http://example.com/http-bind, https://bosh.example.com/http-bind, only the same host, accept",
        "http://www.example.co.uk/http-bind, https://chat.example.co.uk/http-bind, only the same host, accept",
        "http://bosh.example.com/http-bind, https://example.com/http-bind, only the same host, accept",
        // sharing only a public suffix (ICANN or private section) is no relation: refused even with the opt-in
        "http://example.co.uk/http-bind, http://attacker.co.uk/http-bind, only the same host, registrable domain attacker.co.uk",
        "https://alice.github.io/http-bind, https://mallory.github.io/http-bind, only the same host, registrable domain mallory.github.io",
        "http://example.com.au/http-bind, http://evil.com.au/http-bind, only the same host, registrable domain evil.com.au",
        "http://example.com/http-bind, http://other.com/http-bind, only the same host, registrable domain other.com",
        "http://example.com/http-bind, https://evil.net/http-bind, only the same host, registrable domain evil.net",
        "http://a.example.com/http-bind, https://a.example.com.evil.net/, only the same host, registrable domain evil.net",
        "http://example.co.uk/http-bind, http://co.uk/http-bind, only the same host, no registrable domain",
        // never
        "https://example.com/http-bind, http://example.com/http-bind, downgrade from https to http, downgrade from https to http",
        "https://a.example.com/http-bind, http://b.example.com/http-bind, downgrade from https to http, downgrade from https to http",
        "http://127.0.0.1/http-bind, http://127.0.0.2/http-bind, only the same host, IP address",
        "http://example.com/http-bind, http://93.184.216.34/http-bind, only the same host, IP address",
        "http://example.com/http-bind, ftp://example.com/http-bind, not an absolute http or https URI, not an absolute",
        "http://example.com/http-bind, /relative/path, not an absolute http or https URI, not an absolute",
        "http://example.com/http-bind, https://user:pw@example.com/http-bind, user information, user information",
    })
    void policy(String current, String target, String byDefault, String sameSite) {
        URI from = URI.create(current);
        URI to = URI.create(target);
        if (byDefault.equals("accept")) {
            assertThat(SeeOtherUri.rejection(from, to)).isEmpty();
            assertThat(SeeOtherUri.mayFollow(from, to)).isTrue();
        } else {
            assertThat(SeeOtherUri.rejection(from, to)).hasValueSatisfying(why -> assertThat(why).contains(byDefault));
            assertThat(SeeOtherUri.mayFollow(from, to)).isFalse();
        }
        if (sameSite.equals("accept")) {
            assertThat(SeeOtherUri.rejection(from, to, true)).isEmpty();
        } else {
            assertThat(SeeOtherUri.rejection(from, to, true)).hasValueSatisfying(why -> assertThat(why).contains(sameSite));
        }
    }

    private FakeConnectionManager redirecting(String target) {
        FakeConnectionManager cm = FakeConnectionManager.start(r -> Mono.just(Reply.xml(
            "<body xmlns='http://jabber.org/protocol/httpbind' type='terminate' condition='see-other-uri'>"
                + "<uri>" + target + "</uri></body>")));
        managers.add(cm);
        return cm;
    }

    /** A connection manager whose URL is known before it is started: redirects to a port found later. */
    private FakeConnectionManager redirectingTo(java.util.function.Supplier<URI> target) {
        FakeConnectionManager cm = FakeConnectionManager.start(r -> Mono.just(Reply.xml(
            "<body xmlns='http://jabber.org/protocol/httpbind' type='terminate' condition='see-other-uri'>"
                + "<uri>" + target.get() + "</uri></body>")));
        managers.add(cm);
        return cm;
    }

    private static BoshTransport.Builder transport(URI url) {
        return BoshTransport.builder().url(url).retryBackoff(Duration.ofMillis(10), Duration.ofMillis(50));
    }

    @Test
    void connectFollowsAnAcceptedSeeOtherUriToAFreshSession() {
        ProsodyLikeHandler b = new ProsodyLikeHandler();
        b.sid = "at-b";
        FakeConnectionManager cmB = FakeConnectionManager.start(b);
        managers.add(cmB);
        FakeConnectionManager cmA = redirecting(cmB.url().toString());

        TransportConnection c = transport(cmA.url()).build().connect(StreamOpen.to("localhost")).block(TIMEOUT);
        assertThat(c.sessionId()).contains("at-b");
        assertThat(cmA.received()).hasSize(1);
        assertThat(cmB.received().get(0).isCreation()).isTrue();
        // traffic goes on at the new URI
        StepVerifier.create(c.send(BoshTransportTest.message("m1"))).expectComplete().verify(TIMEOUT);
        StepVerifier.create(c.close(null)).expectComplete().verify(TIMEOUT);
        assertThat(b.delivered()).containsExactly(BoshTransportTest.message("m1"));
        assertThat(cmA.received()).hasSize(1);
    }

    @Test
    void aRejectedUriEndsTheConnectWithTheReason() {
        FakeConnectionManager cmA = redirecting("https://evil.example.net/http-bind");
        StepVerifier.create(transport(cmA.url()).build().connect(StreamOpen.to("localhost")))
            .expectErrorSatisfies(e -> {
                assertThat(e).isInstanceOf(BoshException.class);
                BoshException b = (BoshException) e;
                assertThat(b.condition()).isEqualTo(BoshCondition.SEE_OTHER_URI);
                assertThat(b.seeOtherUri()).contains(URI.create("https://evil.example.net/http-bind"));
                assertThat(b.getMessage()).contains("not followed").contains("evil.example.net")
                    .contains("only the same host");
            })
            .verify(TIMEOUT);
    }

    @Test
    void withTheSameSiteOptInAnIpAddressStillOnlyGoesToItself() {
        FakeConnectionManager cmA = redirecting("https://evil.example.net/http-bind");
        StepVerifier.create(transport(cmA.url()).seeOtherUriSameSite(true).build().connect(StreamOpen.to("localhost")))
            .expectErrorSatisfies(e -> assertThat(e.getMessage()).contains("not followed").contains("IP address"))
            .verify(TIMEOUT);
    }

    @Test
    void aLoopIsDetected() {
        URI[] aUrl = new URI[1];
        FakeConnectionManager cmB = redirectingTo(() -> aUrl[0]);
        FakeConnectionManager cmA = redirecting(cmB.url().toString());
        aUrl[0] = cmA.url();
        StepVerifier.create(transport(cmA.url()).build().connect(StreamOpen.to("localhost")))
            .expectErrorSatisfies(e -> {
                assertThat(((BoshException) e).condition()).isEqualTo(BoshCondition.SEE_OTHER_URI);
                assertThat(e.getMessage()).contains("loop").contains(cmA.url().toString());
            })
            .verify(TIMEOUT);
        assertThat(cmA.received()).hasSize(1);
        assertThat(cmB.received()).hasSize(1);
    }

    @Test
    void hopsAreBounded() {
        FakeConnectionManager cmD = redirecting("http://127.0.0.1:1/never");
        FakeConnectionManager cmC = redirecting(cmD.url().toString());
        FakeConnectionManager cmB = redirecting(cmC.url().toString());
        FakeConnectionManager cmA = redirecting(cmB.url().toString());
        StepVerifier.create(transport(cmA.url()).maxSeeOtherUriHops(2).build().connect(StreamOpen.to("localhost")))
            .expectErrorSatisfies(e -> assertThat(e.getMessage()).contains("more than 2 see-other-uri answers"))
            .verify(TIMEOUT);
        assertThat(cmA.received()).hasSize(1);
        assertThat(cmB.received()).hasSize(1);
        assertThat(cmC.received()).hasSize(1);
        assertThat(cmD.received()).isEmpty();
    }

    @Test
    void withFollowingOffTheConditionSurfacesWithTheUri() {
        FakeConnectionManager cmB = FakeConnectionManager.start(new ProsodyLikeHandler());
        managers.add(cmB);
        FakeConnectionManager cmA = redirecting(cmB.url().toString());
        StepVerifier.create(transport(cmA.url()).followSeeOtherUri(false).build().connect(StreamOpen.to("localhost")))
            .expectErrorSatisfies(e -> {
                BoshException b = (BoshException) e;
                assertThat(b.condition()).isEqualTo(BoshCondition.SEE_OTHER_URI);
                assertThat(b.seeOtherUri()).contains(cmB.url());
                assertThat(b.isTransient()).isTrue();
            })
            .verify(TIMEOUT);
        assertThat(cmB.received()).isEmpty();
    }
}
