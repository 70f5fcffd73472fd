package org.reactorxmpp.im.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.reactorxmpp.im.testing.ImTesting.TIMEOUT;
import static org.reactorxmpp.im.testing.ImTesting.closeAll;
import static org.reactorxmpp.im.testing.ImTesting.connect;

import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.reactorxmpp.bosh.BoshTransport;
import org.reactorxmpp.im.forms.FormField;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.StanzaError;
import org.reactorxmpp.xmpp.stanza.StanzaErrorException;
import org.reactorxmpp.xmpp.testing.ProsodyExtension;
import org.reactorxmpp.xmpp.testing.TestAccount;
import reactor.core.publisher.Mono;

/**
 * A registration form with a field beyond username and password, on a real Prosody configured to
 * require an email ({@code additional_registration_fields}). ejabberd cannot be made to ask for more
 * than username and password (only a CAPTCHA), so its side is AccountServicesIT's form round trip.
 */
class RegistrationFormIT {

    @RegisterExtension
    static final ProsodyExtension prosody = ProsodyExtension.builder().name("ibr-email")
        .extraConfig("additional_registration_fields = { \"email+\", \"nick\" }").build();

    private BoshTransport bosh() {
        return BoshTransport.builder().url(prosody.server().boshUrl()).build();
    }

    @Test
    void theRequiredEmailIsReadFilledAndNeeded() {
        String host = prosody.server().host();
        RegistrationForm form = InBandRegistration.form(bosh(), host).block(TIMEOUT);
        assertThat(form.dataForm()).as("Prosody sends a data form").isPresent();
        assertThat(form.dataForm().orElseThrow().fields()).extracting(f -> f.var().orElse(""))
            .contains("username", "password", "email", "nick");
        assertThat(form.required("email")).isTrue();
        assertThat(form.required("nick")).isFalse();
        assertThat(form.fields()).as("and the same as legacy fields").containsKeys("username", "password", "email", "nick");

        String name = "mail" + Long.toString(System.nanoTime(), 36);
        assertThatThrownBy(() -> InBandRegistration.createAccount(bosh(), host, name, "secret-1").block(TIMEOUT))
            .as("without the email Prosody refuses").isInstanceOf(RegistrationException.class)
            .cause().isInstanceOf(StanzaErrorException.class);

        AtomicReference<RegistrationForm> seen = new AtomicReference<>();
        InBandRegistration.createAccount(bosh(), host, f -> {
            seen.set(f);
            return Mono.just(f.fill("username", name).fill("password", "secret-1").fill("email", name + "@mail.example"));
        }).block(TIMEOUT);
        assertThat(seen.get().dataForm().flatMap(d -> d.field("email")).map(FormField::required)).contains(true);

        XmppSession session = connect(prosody.server(), new TestAccount(name, host, "secret-1"), "ibr");
        closeAll(session);
        assertThatThrownBy(() -> InBandRegistration.createAccount(bosh(), host,
                f -> Mono.just(f.fill("username", name).fill("password", "other").fill("email", "x@mail.example"))).block(TIMEOUT))
            .isInstanceOf(RegistrationException.class)
            .cause().isInstanceOfSatisfying(StanzaErrorException.class,
                e -> assertThat(e.condition()).isEqualTo(StanzaError.Condition.CONFLICT));
    }
}
