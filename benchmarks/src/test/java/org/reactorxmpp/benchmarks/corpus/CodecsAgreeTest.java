package org.reactorxmpp.benchmarks.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.jivesoftware.smack.roster.packet.RosterPacket;
import org.jivesoftware.smackx.chatstates.packet.ChatStateExtension;
import org.jivesoftware.smackx.delay.packet.DelayInformation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.reactorxmpp.benchmarks.smack.SmackCodec;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.stanza.Stanza;
import org.reactorxmpp.xmpp.xml.XmlName;

/** The benchmarks compare like with like: both libraries accept every corpus entry and see the same stanzas. */
class CodecsAgreeTest {

    @ParameterizedTest
    @EnumSource(StanzaCorpus.class)
    void bothLibrariesParseTheSameStanzas(StanzaCorpus entry) {
        List<Stanza> ours = OurCodec.parse(entry.bytes());
        for (SmackCodec.Parser parser : SmackCodec.Parser.values()) {
            List<org.jivesoftware.smack.packet.Stanza> smack = SmackCodec.parse(parser, entry.bytes());
            assertThat(smack).as("%s with %s", entry, parser).hasSize(entry.stanzaCount());
            for (int i = 0; i < ours.size(); i++) {
                assertThat(smack.get(i).getStanzaId()).isEqualTo(ours.get(i).id());
                assertThat(String.valueOf(smack.get(i).getFrom())).isEqualTo(String.valueOf(ours.get(i).fromText()));
            }
        }
        assertThat(ours).hasSize(entry.stanzaCount());
    }

    @ParameterizedTest
    @EnumSource(StanzaCorpus.class)
    void ourSerializationParsesBackToTheSameStanzas(StanzaCorpus entry) {
        List<Stanza> ours = OurCodec.parse(entry.bytes());
        assertThat(OurCodec.parse(OurCodec.serialize(ours, entry.isBody()))).isEqualTo(ours);
    }

    @ParameterizedTest
    @EnumSource(StanzaCorpus.class)
    void smackSerializationParsesBackToAsManyStanzas(StanzaCorpus entry) {
        List<org.jivesoftware.smack.packet.Stanza> smack = SmackCodec.parse(SmackCodec.Parser.XPP3, entry.bytes());
        byte[] written = SmackCodec.serialize(smack, entry.isBody());
        assertThat(OurCodec.parse(written)).hasSize(entry.stanzaCount());
    }

    @Test
    void smackDecodesTheExtensionsWithItsProviders() {
        var roster = SmackCodec.parse(SmackCodec.Parser.XPP3, StanzaCorpus.ROSTER_PUSH.bytes()).get(0);
        assertThat(roster).isInstanceOf(RosterPacket.class);
        assertThat(((RosterPacket) roster).getRosterItems()).hasSize(50);
        var chat = SmackCodec.parse(SmackCodec.Parser.STAX, StanzaCorpus.CHAT_XHTML.bytes()).get(0);
        assertThat(chat.getExtensions()).anyMatch(e -> e instanceof ChatStateExtension);
        var muc = SmackCodec.parse(SmackCodec.Parser.XPP3, StanzaCorpus.MUC_DELAY.bytes()).get(0);
        assertThat(muc.getExtensions()).anyMatch(e -> e instanceof DelayInformation);
    }

    @Test
    void ourRosterPushHasFiftyItems() {
        Iq push = (Iq) OurCodec.parse(StanzaCorpus.ROSTER_PUSH.bytes()).get(0);
        assertThat(push.type()).isEqualTo(Iq.Type.SET);
        assertThat(push.element().element("jabber:iq:roster", "query").elements(XmlName.of("jabber:iq:roster", "item")))
            .hasSize(50);
    }
}
