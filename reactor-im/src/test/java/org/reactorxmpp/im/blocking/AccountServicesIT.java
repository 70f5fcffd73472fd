package org.reactorxmpp.im.blocking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.reactorxmpp.im.testing.ImTesting.TIMEOUT;
import static org.reactorxmpp.im.testing.ImTesting.closeAll;
import static org.reactorxmpp.im.testing.ImTesting.connect;
import static org.reactorxmpp.im.testing.ImTesting.expect;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.reactorxmpp.bosh.BoshTransport;
import org.reactorxmpp.im.privatedata.PrivateStorage;
import org.reactorxmpp.im.register.InBandRegistration;
import org.reactorxmpp.im.register.RegistrationException;
import org.reactorxmpp.im.register.RegistrationForm;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Message;
import org.reactorxmpp.xmpp.stanza.StanzaError;
import org.reactorxmpp.xmpp.stanza.StanzaErrorException;
import org.reactorxmpp.xmpp.testing.OnBothServers;
import org.reactorxmpp.xmpp.testing.TestAccount;
import org.reactorxmpp.xmpp.testing.XmppTestServer;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlName;

/** Blocking, in-band registration and private storage on each real server. */
@OnBothServers
class AccountServicesIT {

    @Parameter
    XmppTestServer server;

    @Test
    void blockingStopsDeliveryUntilUnblocked() {
        List<TestAccount> accounts = server.newAccounts("block", 2);
        XmppSession alice = connect(server, accounts.get(0), "web");
        XmppSession bob = connect(server, accounts.get(1), "desk");
        try {
            Blocking blocking = Blocking.of(alice);
            assertThat(blocking.load().block(TIMEOUT)).isEmpty();
            blocking.block(List.of(bob.jid().asBare())).block(TIMEOUT);
            assertThat(blocking.load().block(TIMEOUT)).containsExactly(bob.jid().asBare());
            assertThat(blocking.blocked()).containsExactly(bob.jid().asBare());

            var firstFromBob = expect(alice.messages(), m -> m.from() != null && m.from().asBare().equals(bob.jid().asBare()));
            // seen on the wire: ejabberd bounces it with service-unavailable, Prosody drops it silently
            bob.send(Message.builder().to(alice.jid()).type(Message.Type.CHAT).body("blocked").build()).block(TIMEOUT);
            // a ping answered by bob's server: the message was routed before alice unblocks (ejabberd routes asynchronously)
            bob.request(org.reactorxmpp.xmpp.stanza.Iq.get(null, XmlElement.empty("urn:xmpp:ping", "ping"))).block(TIMEOUT);

            blocking.unblockAll().block(TIMEOUT);
            assertThat(blocking.blocked()).isEmpty();
            bob.send(Message.builder().to(alice.jid()).type(Message.Type.CHAT).body("unblocked").build()).block(TIMEOUT);
            assertThat(firstFromBob.get().body()).as("the blocked message never arrived").isEqualTo("unblocked");
        } finally {
            closeAll(alice, bob);
        }
    }

    @Test
    void blockChangesArePushedToAnotherResourceThatFetchedTheList() {
        TestAccount account = server.newAccounts("blockpush", 1).get(0);
        XmppSession web = connect(server, account, "web");
        XmppSession phone = connect(server, account, "phone");
        try {
            Blocking onPhone = Blocking.of(phone);
            onPhone.load().block(TIMEOUT); // Prosody pushes only to resources that fetched the list
            var pushed = expect(onPhone.changes(), BlockingChange::blocked);
            Jid spammer = Jid.parse("spammer@example.org");
            Blocking.of(web).block(List.of(spammer)).block(TIMEOUT);
            assertThat(pushed.get().jids()).containsExactly(spammer);
            assertThat(onPhone.blocked()).containsExactly(spammer);
        } finally {
            closeAll(web, phone);
        }
    }

    @Test
    void inBandRegistrationCreatesAnAccountAndChangesItsPassword() {
        String name = "ibr" + Long.toString(System.nanoTime(), 36);
        BoshTransport bosh = BoshTransport.builder().url(server.boshUrl()).build();
        InBandRegistration.createAccount(bosh, server.host(), name, "first-secret").block(TIMEOUT);
        assertThatThrownBy(() -> InBandRegistration.createAccount(bosh, server.host(), name, "again").block(TIMEOUT))
            .isInstanceOf(RegistrationException.class)
            .cause().isInstanceOfSatisfying(StanzaErrorException.class,
                e -> assertThat(e.error().condition()).isEqualTo(StanzaError.Condition.CONFLICT));

        XmppSession session = connect(server, new TestAccount(name, server.host(), "first-secret"), "ibr");
        InBandRegistration.changePassword(session, "second-secret").block(TIMEOUT);
        closeAll(session);

        assertThatThrownBy(() -> connect(server, new TestAccount(name, server.host(), "first-secret"), "ibr"))
            .as("the old password no longer works").isNotNull();
        XmppSession again = connect(server, new TestAccount(name, server.host(), "second-secret"), "ibr");
        InBandRegistration.cancel(again).onErrorResume(e -> reactor.core.publisher.Mono.empty()).block(TIMEOUT);
        closeAll(again);
        assertThatThrownBy(() -> connect(server, new TestAccount(name, server.host(), "second-secret"), "ibr"))
            .as("the cancelled account is gone").isNotNull();
    }

    @Test
    void inBandRegistrationThroughTheServersFormFilledByTheCaller() {
        BoshTransport bosh = BoshTransport.builder().url(server.boshUrl()).build();
        RegistrationForm form = InBandRegistration.form(bosh, server.host()).block(TIMEOUT);
        assertThat(form.registered()).isFalse();
        assertThat(form.has("username")).isTrue();
        assertThat(form.has("password")).isTrue();
        assertThat(form.has("email")).as("neither test server asks for more by default").isFalse();
        assertThatThrownBy(() -> form.fill("email", "x@mail.example")).isInstanceOf(RegistrationException.class);

        String name = "ibrform" + Long.toString(System.nanoTime(), 36);
        InBandRegistration.createAccount(bosh, server.host(),
            f -> reactor.core.publisher.Mono.just(f.fill("username", name).fill("password", "form-secret"))).block(TIMEOUT);
        closeAll(connect(server, new TestAccount(name, server.host(), "form-secret"), "ibr"));
    }

    @Test
    void privateStorageRoundTrip() {
        XmppSession alice = connect(server, server.newAccounts("private", 1).get(0), "web");
        try {
            XmlName name = XmlName.of("urn:example:settings", "settings");
            assertThat(PrivateStorage.get(alice, name).block(TIMEOUT).children()).isEmpty();
            XmlElement settings = XmlElement.builder(name).attribute("theme", "dark")
                .textChild("urn:example:settings", "font", "mono").build();
            PrivateStorage.set(alice, settings).block(TIMEOUT);
            XmlElement stored = PrivateStorage.get(alice, name).block(TIMEOUT);
            assertThat(stored.attribute("theme")).isEqualTo("dark");
            assertThat(stored.childText(XmlName.of("urn:example:settings", "font"))).isEqualTo("mono");
        } finally {
            closeAll(alice);
        }
    }
}
