package org.reactorxmpp.xmpp.stanza;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlReader;
import org.reactorxmpp.xmpp.xml.XmlWriter;

class StreamErrorTest {

    private static final String STREAMS = StreamError.STREAMS_NAMESPACE;
    private static final String NS = StreamError.NAMESPACE;

    private static final Set<StreamError.Condition> TRANSIENT = EnumSet.of(
        StreamError.Condition.CONNECTION_TIMEOUT, StreamError.Condition.INTERNAL_SERVER_ERROR,
        StreamError.Condition.REMOTE_CONNECTION_FAILED, StreamError.Condition.RESET,
        StreamError.Condition.RESOURCE_CONSTRAINT, StreamError.Condition.SEE_OTHER_HOST,
        StreamError.Condition.SYSTEM_SHUTDOWN);

    private static XmlElement parse(String xml) {
        return XmlReader.create().read(xml.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @EnumSource(value = StreamError.Condition.class, mode = EnumSource.Mode.EXCLUDE, names = "UNKNOWN")
    void everyConditionParsesFromWireText(StreamError.Condition condition) {
        String target = condition == StreamError.Condition.SEE_OTHER_HOST ? "[2001:41D0:1:A49b::1]:9222" : "";
        String xml = "<stream:error xmlns:stream='http://etherx.jabber.org/streams'>"
            + "<" + condition.elementName() + " xmlns='urn:ietf:params:xml:ns:xmpp-streams'>" + target
            + "</" + condition.elementName() + ">"
            + "<text xmlns='urn:ietf:params:xml:ns:xmpp-streams' xml:lang='en'>details</text>"
            + "</stream:error>";

        StreamError e = StreamError.from(parse(xml));

        assertThat(e.condition()).isEqualTo(condition);
        assertThat(e.conditionName()).contains(condition.elementName());
        assertThat(e.text()).contains("details");
        assertThat(e.textLang()).contains("en");
        assertThat(e.isTransient()).isEqualTo(TRANSIENT.contains(condition));
        if (condition == StreamError.Condition.SEE_OTHER_HOST) {
            assertThat(e.seeOtherHost()).contains("[2001:41D0:1:A49b::1]:9222");
        } else {
            assertThat(e.seeOtherHost()).isEmpty();
        }
        // and back through our writer and reader
        assertThat(StreamError.from(parse(XmlWriter.toString(e.toElement())))).isEqualTo(e);
        assertThat(new StreamErrorException(e).isTransient()).isEqualTo(TRANSIENT.contains(condition));
    }

    @Test
    void seeOtherHostRfcExample() {
        // RFC 6120 section 4.9.3.19
        StreamError e = StreamError.from(parse("<stream:error xmlns:stream='http://etherx.jabber.org/streams'>"
            + "<see-other-host xmlns='urn:ietf:params:xml:ns:xmpp-streams'>[2001:41D0:1:A49b::1]:9222</see-other-host>"
            + "</stream:error>"));
        assertThat(e.seeOtherHost()).contains("[2001:41D0:1:A49b::1]:9222");
        StreamErrorException ex = new StreamErrorException(e);
        assertThat(ex).hasMessage("stream error see-other-host ([2001:41D0:1:A49b::1]:9222)");
        assertThat(ex.isTransient()).isTrue();
        assertThat(StreamError.seeOtherHost("other.example:5222")).isEqualTo(StreamError.builder(
            StreamError.Condition.SEE_OTHER_HOST).seeOtherHost("other.example:5222").build());
    }

    @Test
    void applicationSpecificConditionIsKept() {
        // RFC 6120 section 4.9.4 example
        StreamError e = StreamError.from(parse("<stream:error xmlns:stream='http://etherx.jabber.org/streams'>"
            + "<not-well-formed xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"
            + "<text xml:lang='en' xmlns='urn:ietf:params:xml:ns:xmpp-streams'>Some special application diagnostic"
            + " information!</text><escape-your-data xmlns='http://example.org/ns'/></stream:error>"));
        assertThat(e.condition()).isEqualTo(StreamError.Condition.NOT_WELL_FORMED);
        assertThat(e.applicationCondition()).contains(XmlElement.empty("http://example.org/ns", "escape-your-data"));
        assertThat(e.text()).contains("Some special application diagnostic information!");
        assertThat(e.isTransient()).isFalse();
        assertThat(StreamError.from(e.toElement())).isEqualTo(e);
    }

    @Test
    void conflictAndNotAuthorizedAreTerminal() {
        assertThat(new StreamErrorException(StreamError.of(StreamError.Condition.CONFLICT)).isTransient()).isFalse();
        assertThat(StreamError.Condition.NOT_AUTHORIZED.isTransient()).isFalse();
        assertThat(StreamError.Condition.HOST_UNKNOWN.isTransient()).isFalse();
        assertThat(StreamError.Condition.POLICY_VIOLATION.isTransient()).isFalse();
        assertThat(StreamError.Condition.values()).hasSize(26); // 25 RFC 6120 conditions + UNKNOWN
    }

    @Test
    void unknownConditionIsReadNotBuilt() {
        StreamError e = StreamError.from(XmlElement.builder(STREAMS, "error").child(XmlElement.empty(NS, "meltdown"))
            .build());
        assertThat(e.condition()).isEqualTo(StreamError.Condition.UNKNOWN);
        assertThat(e.conditionName()).contains("meltdown");
        assertThat(e.isTransient()).isFalse();
        assertThat(e.toElement().element(NS, "meltdown")).isNotNull();
        assertThat(StreamError.from(XmlElement.empty(STREAMS, "error")).condition())
            .isEqualTo(StreamError.Condition.UNKNOWN);
        assertThatThrownBy(() -> StreamError.of(StreamError.Condition.UNKNOWN)).isInstanceOf(InvalidStanzaException.class);
    }

    @Test
    void builderValidatesSeeOtherHostTarget() {
        assertThatThrownBy(() -> StreamError.of(StreamError.Condition.SEE_OTHER_HOST))
            .isInstanceOf(InvalidStanzaException.class).hasMessageContaining("requires a host");
        assertThatThrownBy(() -> StreamError.builder(StreamError.Condition.RESET).seeOtherHost("x").build())
            .isInstanceOf(InvalidStanzaException.class).hasMessageContaining("reset");
    }

    @Test
    void fromRejectsOtherElements() {
        assertThatThrownBy(() -> StreamError.from(XmlElement.empty("jabber:client", "error")))
            .isInstanceOf(InvalidStanzaException.class).hasMessageContaining("stream error");
    }
}
