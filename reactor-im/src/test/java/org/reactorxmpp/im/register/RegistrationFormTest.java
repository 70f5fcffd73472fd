package org.reactorxmpp.im.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.reactorxmpp.im.forms.DataForm;
import org.reactorxmpp.im.forms.FieldType;
import org.reactorxmpp.im.forms.FormField;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.stanza.StanzaError;
import org.reactorxmpp.xmpp.stanza.StanzaErrorException;
import org.reactorxmpp.xmpp.testing.ScriptedTransport;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlName;
import reactor.core.publisher.Mono;

/**
 * Registration forms with fields beyond username and password, against a scripted server: ejabberd
 * asks for none, and Prosody's extra fields always come with a data form (RegistrationFormIT), so
 * the legacy-only form with extra fields and a {@code key}, and the refusals, are scripted here.
 */
class RegistrationFormTest {

    private static final Duration T = Duration.ofSeconds(5);
    private static final String NS = InBandRegistration.NAMESPACE;

    private static XmlElement legacyForm() {
        return XmlElement.builder(NS, "query").textChild(NS, "instructions", "Choose a name, a password and give an email")
            .child(XmlElement.empty(NS, "username")).child(XmlElement.empty(NS, "password"))
            .child(XmlElement.empty(NS, "email")).textChild(NS, "key", "token-1").build();
    }

    private static XmlElement dataForm() {
        DataForm form = DataForm.builder(DataForm.Type.FORM).title("Creating a new account")
            .field(FormField.builder(DataForm.FORM_TYPE).type(FieldType.HIDDEN).value(NS).build())
            .field(FormField.builder("username").type(FieldType.TEXT_SINGLE).required(true).build())
            .field(FormField.builder("password").type(FieldType.TEXT_PRIVATE).required(true).build())
            .field(FormField.builder("email").type(FieldType.TEXT_SINGLE).required(true).build())
            .field(FormField.builder("nick").type(FieldType.TEXT_SINGLE).build())
            .build();
        return XmlElement.builder(NS, "query").child(XmlElement.empty(NS, "username")).child(XmlElement.empty(NS, "password"))
            .child(XmlElement.empty(NS, "email")).child(DataForm.CODEC.encode(form)).build();
    }

    private static ScriptedTransport serving(XmlElement form, List<XmlElement> submitted) {
        return ScriptedTransport.builder("carol@example.com/none")
            .expect("registration form request", e -> Iq.of(e).type() == Iq.Type.GET)
            .thenRespond(ScriptedTransport.result(form))
            .expect("registration", e -> Iq.of(e).type() == Iq.Type.SET)
            .thenRespond(e -> {
                submitted.add(Iq.of(e).payload().orElseThrow());
                return List.of(Iq.of(e).resultWith(null).element());
            })
            .build();
    }

    @Test
    void legacyExtraFieldsAreReadFilledAndSentWithTheServersKey() {
        List<XmlElement> submitted = new java.util.concurrent.CopyOnWriteArrayList<>();
        ScriptedTransport server = serving(legacyForm(), submitted);
        List<RegistrationForm> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        InBandRegistration.createAccount(server, "example.com", form -> {
            seen.add(form);
            return Mono.just(form.fill("username", "carol").fill("password", "s3cret").fill("email", "carol@example.org"));
        }).block(T);

        RegistrationForm form = seen.get(0);
        assertThat(form.instructions()).contains("Choose a name, a password and give an email");
        assertThat(form.fields()).containsOnlyKeys("username", "password", "email", "key");
        assertThat(form.has("email")).isTrue();
        assertThat(form.required("email")).isTrue();
        assertThat(form.dataForm()).isEmpty();
        XmlElement query = submitted.get(0);
        assertThat(query.childText(XmlName.of(NS, "username"))).isEqualTo("carol");
        assertThat(query.childText(XmlName.of(NS, "password"))).isEqualTo("s3cret");
        assertThat(query.childText(XmlName.of(NS, "email"))).isEqualTo("carol@example.org");
        assertThat(query.childText(XmlName.of(NS, "key"))).as("the server's key echoed").isEqualTo("token-1");
        assertThat(query.element(DataForm.NAMESPACE, "x")).isNull();
        server.verify();
    }

    @Test
    void aDataFormTakesPrecedenceAndIsSubmittedFilled() {
        List<XmlElement> submitted = new java.util.concurrent.CopyOnWriteArrayList<>();
        ScriptedTransport server = serving(dataForm(), submitted);
        InBandRegistration.createAccount(server, "example.com", form -> Mono.just(form
            .fill("username", "carol").fill("password", "s3cret").fill("email", "carol@example.org").fill("nick", null)))
            .block(T);

        XmlElement query = submitted.get(0);
        assertThat(query.childText(XmlName.of(NS, "username"))).as("no legacy fields next to the form").isNull();
        DataForm sent = DataForm.CODEC.decode(query.element(DataForm.NAMESPACE, "x"));
        assertThat(sent.type()).isEqualTo(DataForm.Type.SUBMIT);
        assertThat(sent.formType()).contains(NS);
        assertThat(sent.field("username").flatMap(FormField::value)).contains("carol");
        assertThat(sent.field("password").flatMap(FormField::value)).contains("s3cret");
        assertThat(sent.field("email").flatMap(FormField::value)).contains("carol@example.org");
        assertThat(sent.field("nick").orElseThrow().values()).isEmpty();
        server.verify();
    }

    @Test
    void theFormCanBeReadAlone() {
        ScriptedTransport server = ScriptedTransport.builder("carol@example.com/none")
            .expectIq(NS).thenRespond(ScriptedTransport.result(dataForm())).build();
        RegistrationForm form = InBandRegistration.form(server, "example.com").block(T);
        assertThat(form.dataForm()).map(f -> f.title().orElseThrow()).contains("Creating a new account");
        assertThat(form.required("email")).isTrue();
        assertThat(form.required("nick")).isFalse();
        assertThat(form.has("phone")).isFalse();
        server.verify();
    }

    @Test
    void aFieldTheServerDidNotAskForOrAMissingRequiredOneFailsBeforeSubmitting() {
        RegistrationForm legacy = RegistrationForm.of(legacyForm());
        assertThatThrownBy(() -> legacy.fill("phone", "123")).isInstanceOf(RegistrationException.class)
            .hasMessageContaining("'phone'").hasMessageContaining("email");
        RegistrationForm withForm = RegistrationForm.of(dataForm()).fill("username", "carol").fill("password", "x");
        assertThatThrownBy(withForm::submission).isInstanceOf(RegistrationException.class).hasMessageContaining("email");

        ScriptedTransport server = ScriptedTransport.builder("carol@example.com/none")
            .expectIq(NS).thenRespond(ScriptedTransport.result(dataForm())).build();
        assertThatThrownBy(() -> InBandRegistration.createAccount(server, "example.com",
                form -> Mono.just(form.fill("username", "carol").fill("password", "x"))).block(T))
            .isInstanceOf(RegistrationException.class).hasMessageContaining("email");
        server.verify(); // nothing sent after the form request
        assertThat(server.stanzas()).hasSize(1);
    }

    @Test
    void aServerWithoutRegistrationOrRefusingTheSubmissionIsARegistrationErrorWithTheCondition() {
        ScriptedTransport closed = ScriptedTransport.builder("carol@example.com/none")
            .expectIq(NS).thenRespond(e -> List.of(Iq.of(e).errorWith(StanzaError.of(StanzaError.Condition.SERVICE_UNAVAILABLE)).element()))
            .build();
        assertThatThrownBy(() -> InBandRegistration.form(closed, "example.com").block(T))
            .isInstanceOf(RegistrationException.class)
            .cause().isInstanceOfSatisfying(StanzaErrorException.class,
                e -> assertThat(e.condition()).isEqualTo(StanzaError.Condition.SERVICE_UNAVAILABLE));

        ScriptedTransport refusing = ScriptedTransport.builder("carol@example.com/none")
            .expectIq(NS).thenRespond(ScriptedTransport.result(legacyForm()))
            .expectIq(NS).thenRespond(e -> List.of(Iq.of(e).errorWith(StanzaError.of(StanzaError.Condition.NOT_ACCEPTABLE)).element()))
            .build();
        assertThatThrownBy(() -> InBandRegistration.createAccount(refusing, "example.com",
                form -> Mono.just(form.fill("username", "carol").fill("password", "x"))).block(T))
            .isInstanceOf(RegistrationException.class)
            .cause().isInstanceOfSatisfying(StanzaErrorException.class,
                e -> assertThat(e.condition()).isEqualTo(StanzaError.Condition.NOT_ACCEPTABLE));
        refusing.verify();
    }
}
