package org.reactorxmpp.xmpp.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.stanza.Presence;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlName;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** XEP-0115 caps of other entities, verified and cached, over the scripted server. */
class EntityCapsCacheTest {

    private static final String INFO = EntityInfo.NAMESPACE;
    private static final Jid ROMEO = Jid.parse("romeo@montague.lit/orchard");
    private static final Jid BENVOLIO = Jid.parse("benvolio@montague.lit/home");
    private static final String NODE = "http://code.google.com/p/exodus";
    /** XEP-0115 section 5.2: the simple generation example. */
    private static final String VER = "QgayPKawpkPSDYmwT/WM94uAlu0=";

    private final AtomicReference<ScriptedServer> server = new AtomicReference<>();
    private final AtomicInteger discoRequests = new AtomicInteger();
    /** What the "other entities" answer to disco#info, by the request. */
    private volatile Function<Iq, XmlElement> answer = request -> exodus(request.element()
        .element(XmlName.of(INFO, "query")).attribute("node"));
    private XmppSession session;
    private EntityCapsCache caps;

    @BeforeEach
    void connect() {
        FakeTransport transport = new FakeTransport(false, c -> {
            ScriptedServer s = new ScriptedServer(c);
            s.onStanza = e -> {
                if (e.is("jabber:client", "iq") && e.element(XmlName.of(INFO, "query")) != null) {
                    discoRequests.incrementAndGet();
                    Iq request = Iq.of(e);
                    s.deliver(request.resultWith(answer.apply(request)).withFrom(request.to()));
                }
            };
            server.set(s);
            return s;
        });
        session = XmppClient.builder().jid("juliet@example.com").password(ScriptedServer.PASSWORD)
            .transport(transport).saslScheduler(Schedulers.immediate()).sendInitialPresence(false)
            .build().connect().block(Duration.ofSeconds(10));
        caps = EntityCapsCache.create(session, 4);
    }

    @AfterEach
    void close() {
        caps.dispose();
        session.close().block(Duration.ofSeconds(5));
    }

    /** The XEP-0115 section 5.2 example entity: Exodus 0.9.1. */
    private static XmlElement exodus(String node) {
        return XmlElement.builder(INFO, "query").attribute("node", node)
            .child(XmlElement.builder(INFO, "identity").attribute("category", "client").attribute("type", "pc")
                .attribute("name", "Exodus 0.9.1").build())
            .child(feature("http://jabber.org/protocol/caps"))
            .child(feature("http://jabber.org/protocol/disco#info"))
            .child(feature("http://jabber.org/protocol/disco#items"))
            .child(feature("http://jabber.org/protocol/muc"))
            .build();
    }

    private static XmlElement feature(String var) {
        return XmlElement.builder(INFO, "feature").attribute("var", var).build();
    }

    private void presenceWithCaps(Jid from, String ver) {
        server.get().deliver(Presence.builder().from(from).child(EntityCaps.element(NODE, ver)).build());
    }

    private List<Iq> discoIqsSent() {
        return server.get().sentIqs().stream()
            .filter(iq -> iq.element().element(XmlName.of(INFO, "query")) != null).toList();
    }

    @Test
    void missAsksTheEntityWithNodeHashVerifiesAndCaches() {
        presenceWithCaps(ROMEO, VER);
        assertThat(caps.advertisedVer(ROMEO)).contains(VER);
        StepVerifier.create(caps.features(ROMEO))
            .assertNext(features -> assertThat(features).contains("http://jabber.org/protocol/muc").hasSize(4))
            .verifyComplete();
        List<Iq> sent = discoIqsSent();
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).to()).isEqualTo(ROMEO);
        assertThat(sent.get(0).type()).isEqualTo(Iq.Type.GET);
        assertThat(sent.get(0).element().element(XmlName.of(INFO, "query")).attribute("node"))
            .isEqualTo(NODE + "#" + VER);
        assertThat(caps.size()).isEqualTo(1);
    }

    @Test
    void secondLookupIsServedFromTheCacheWithoutARequest() {
        presenceWithCaps(ROMEO, VER);
        presenceWithCaps(BENVOLIO, VER);
        caps.info(ROMEO).block(Duration.ofSeconds(5));
        assertThat(discoRequests).hasValue(1);
        // same entity again, and another entity with the same (hash, ver)
        EntityInfo again = caps.info(ROMEO).block(Duration.ofSeconds(5));
        EntityInfo other = caps.info(BENVOLIO).block(Duration.ofSeconds(5));
        assertThat(discoRequests).hasValue(1);
        assertThat(other).isEqualTo(again);
        assertThat(other.identities()).containsExactly(DiscoIdentity.of("client", "pc", "Exodus 0.9.1"));
    }

    @Test
    void answerThatDoesNotMatchTheVerIsRejectedAndNotCached() {
        // the entity claims the Exodus ver but lacks muc
        answer = request -> exodus(null).toBuilder()
            .removeChildren(XmlName.of(INFO, "feature"))
            .child(feature("http://jabber.org/protocol/caps"))
            .child(feature("http://jabber.org/protocol/disco#info"))
            .build();
        presenceWithCaps(ROMEO, VER);
        StepVerifier.create(caps.info(ROMEO))
            .expectErrorSatisfies(e -> {
                assertThat(e).isInstanceOf(CapsVerificationException.class).hasMessageContaining(VER)
                    .hasMessageContaining(ROMEO.toString());
                assertThat(((CapsVerificationException) e).ver()).isEqualTo(VER);
                assertThat(((CapsVerificationException) e).isTransient()).isFalse();
            })
            .verify(Duration.ofSeconds(5));
        assertThat(caps.size()).isZero();
        // not cached: the next lookup asks again (and now gets the right answer)
        answer = request -> exodus(null);
        StepVerifier.create(caps.features(ROMEO)).expectNextCount(1).verifyComplete();
        assertThat(discoRequests).hasValue(2);
        assertThat(caps.size()).isEqualTo(1);
    }

    @Test
    void duplicateFeaturesAreRejectedEvenWhenTheHashWouldMatch() {
        answer = request -> exodus(null).toBuilder().child(feature("http://jabber.org/protocol/muc")).build();
        presenceWithCaps(ROMEO, VER);
        StepVerifier.create(caps.info(ROMEO))
            .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(CapsVerificationException.class)
                .hasMessageContaining("duplicate"))
            .verify(Duration.ofSeconds(5));
        assertThat(caps.size()).isZero();
    }

    @Test
    void unavailablePresenceForgetsTheEntityAndUnknownEntitiesAreEmpty() {
        StepVerifier.create(caps.info(ROMEO)).verifyComplete();
        presenceWithCaps(ROMEO, VER);
        server.get().deliver(Presence.builder().from(ROMEO).type(Presence.Type.UNAVAILABLE).build());
        assertThat(caps.advertisedVer(ROMEO)).isEmpty();
        StepVerifier.create(caps.info(ROMEO)).verifyComplete();
        assertThat(discoRequests).hasValue(0);
    }

    @Test
    void unsupportedHashIsRejectedWithoutARequest() {
        StepVerifier.create(caps.info(ROMEO, "x-unknown", NODE, VER))
            .expectError(CapsVerificationException.class)
            .verify(Duration.ofSeconds(5));
        assertThat(discoRequests).hasValue(0);
    }

    @Test
    void cacheIsBounded() {
        for (int i = 0; i < 6; i++) {
            String name = "Exodus 0.9." + i;
            XmlElement query = XmlElement.builder(INFO, "query")
                .child(XmlElement.builder(INFO, "identity").attribute("category", "client").attribute("type", "pc")
                    .attribute("name", name).build()).build();
            String ver = EntityCaps.ver(List.of(DiscoIdentity.of("client", "pc", name)), List.of());
            answer = request -> query;
            caps.info(ROMEO, "sha-1", NODE, ver).block(Duration.ofSeconds(5));
        }
        assertThat(discoRequests).hasValue(6);
        assertThat(caps.size()).isEqualTo(4);
    }

    @Test
    void discoItemsHelper() {
        answer = request -> null;
        ServiceDiscovery disco = new ServiceDiscovery(session);
        server.get().onStanza = e -> {
            Iq request = Iq.of(e);
            XmlElement query = e.element(XmlName.of(ServiceDiscovery.ITEMS, "query"));
            if (query != null) {
                server.get().deliver(request.resultWith(XmlElement.builder(ServiceDiscovery.ITEMS, "query")
                    .child(XmlElement.builder(ServiceDiscovery.ITEMS, "item").attribute("jid", "people.shakespeare.lit")
                        .attribute("name", "Directory of Characters").build())
                    .child(XmlElement.builder(ServiceDiscovery.ITEMS, "item").attribute("jid", "plays.shakespeare.lit")
                        .attribute("node", "plays").build())
                    .build()).withFrom(request.to()));
            }
        };
        Jid service = Jid.domain("shakespeare.lit");
        StepVerifier.create(disco.items(service, null))
            .assertNext(items -> assertThat(items).containsExactly(
                new DiscoItem(Jid.domain("people.shakespeare.lit"), null, "Directory of Characters"),
                new DiscoItem(Jid.domain("plays.shakespeare.lit"), "plays", null)))
            .verifyComplete();
        assertThat(server.get().sentIqs().get(0).to()).isEqualTo(service);
    }
}
