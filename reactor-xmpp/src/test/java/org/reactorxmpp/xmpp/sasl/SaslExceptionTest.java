package org.reactorxmpp.xmpp.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.reactorxmpp.xmpp.XmppException;
import org.reactorxmpp.xmpp.xml.XmlElement;

class SaslExceptionTest {

    private static final String NS = "urn:ietf:params:xml:ns:xmpp-sasl";

    private static XmlElement failure(String condition, String text) {
        XmlElement.Builder b = XmlElement.builder(NS, "failure");
        if (condition != null) {
            b.child(XmlElement.empty(NS, condition));
        }
        b.textChild(NS, "text", text);
        return b.build();
    }

    @ParameterizedTest
    @CsvSource({
        "aborted, ABORTED",
        "account-disabled, ACCOUNT_DISABLED",
        "credentials-expired, CREDENTIALS_EXPIRED",
        "encryption-required, ENCRYPTION_REQUIRED",
        "incorrect-encoding, INCORRECT_ENCODING",
        "invalid-authzid, INVALID_AUTHZID",
        "invalid-mechanism, INVALID_MECHANISM",
        "malformed-request, MALFORMED_REQUEST",
        "mechanism-too-weak, MECHANISM_TOO_WEAK",
        "not-authorized, NOT_AUTHORIZED",
        "temporary-auth-failure, TEMPORARY_AUTH_FAILURE",
        "bad-protocol, UNKNOWN"})
    void parsesEveryRfc6120Condition(String element, SaslCondition expected) {
        SaslException e = SaslException.fromFailure(failure(element, null));

        assertThat(e.condition()).isEqualTo(expected);
        assertThat(e.getMessage()).contains(element);
        assertThat(e.text()).isEmpty();
        assertThat(e.isTransient()).isEqualTo(expected == SaslCondition.TEMPORARY_AUTH_FAILURE);
        assertThat(e).isInstanceOf(XmppException.class);
    }

    @Test
    void everyServerConditionHasItsElementNameAndRoundTrips() {
        long serverConditions = Arrays.stream(SaslCondition.values()).filter(c -> c.elementName().isPresent())
            .peek(c -> assertThat(SaslCondition.fromElementName(c.elementName().get())).isEqualTo(c))
            .count();

        assertThat(serverConditions).isEqualTo(11);
        assertThat(SaslCondition.UNKNOWN.isServerCondition()).isTrue();
        assertThat(SaslCondition.SERVER_SIGNATURE_MISMATCH.isServerCondition()).isFalse();
        assertThat(SaslCondition.NO_ACCEPTABLE_MECHANISM.elementName()).isEmpty();
    }

    @Test
    void carriesTheServerText() {
        XmlElement xml = XmlElement.builder(NS, "failure")
            .child(XmlElement.empty(NS, "account-disabled"))
            .child(XmlElement.builder(NS, "text").attribute(org.reactorxmpp.xmpp.xml.XmlName.XML_LANG, "en")
                .text("Call 212-555-1212 for help.").build())
            .build();

        SaslException e = SaslException.fromFailure(xml);

        assertThat(e.condition()).isEqualTo(SaslCondition.ACCOUNT_DISABLED);
        assertThat(e.text()).contains("Call 212-555-1212 for help.");
        assertThat(e.getMessage()).isEqualTo(
            "SASL authentication failed: account-disabled (server text: 'Call 212-555-1212 for help.')");
        assertThat(e.isTransient()).isFalse();
    }

    @Test
    void textBeforeTheConditionAndControlCharactersInTheMessage() {
        XmlElement xml = XmlElement.builder(NS, "failure")
            .textChild(NS, "text", "try\nlater")
            .child(XmlElement.empty(NS, "temporary-auth-failure"))
            .build();

        SaslException e = SaslException.fromFailure(xml);

        assertThat(e.condition()).isEqualTo(SaslCondition.TEMPORARY_AUTH_FAILURE);
        assertThat(e.isTransient()).isTrue();
        assertThat(e.text()).contains("try\nlater");
        assertThat(e.getMessage()).contains("try?later").doesNotContain("\n");
    }

    @Test
    void missingConditionIsUnknown() {
        SaslException e = SaslException.fromFailure(failure(null, null));

        assertThat(e.condition()).isEqualTo(SaslCondition.UNKNOWN);
        assertThat(e.getMessage()).contains("no condition");
    }

    @Test
    void elementsInOtherNamespacesAreIgnored() {
        XmlElement xml = XmlElement.builder(NS, "failure")
            .child(XmlElement.empty("urn:example:ext", "not-authorized"))
            .child(XmlElement.empty(NS, "credentials-expired"))
            .build();

        assertThat(SaslException.fromFailure(xml).condition()).isEqualTo(SaslCondition.CREDENTIALS_EXPIRED);
    }

    @Test
    void refusesAnythingButASaslFailure() {
        assertThatThrownBy(() -> SaslException.fromFailure(XmlElement.empty(NS, "success")))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SaslException.fromFailure(XmlElement.empty("urn:ietf:params:xml:ns:xmpp-tls", "failure")))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void clientSideConditionsAreNotTransient() {
        for (SaslCondition c : SaslCondition.values()) {
            assertThat(new SaslException(c, "x").isTransient()).isEqualTo(c == SaslCondition.TEMPORARY_AUTH_FAILURE);
        }
    }
}
