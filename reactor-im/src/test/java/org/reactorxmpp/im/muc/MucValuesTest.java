package org.reactorxmpp.im.muc;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.reactorxmpp.im.forms.DataForm;
import org.reactorxmpp.im.forms.FieldType;
import org.reactorxmpp.im.forms.FormField;
import org.reactorxmpp.xmpp.extension.ExtensionCodec;
import org.reactorxmpp.xmpp.extension.ExtensionDecodeException;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.stanza.StanzaError;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlReader;

class MucValuesTest {

    private static final BareJid ROOM = BareJid.parse("coven@chat.shakespeare.lit");

    private static XmlElement xml(String text) {
        return XmlReader.create().read(text.getBytes(UTF_8));
    }

    @Test
    void mucUserDecodesStatusItemDestroyAndRoundTrips() {
        MucUser x = ExtensionCodec.decode(MucUser.CODEC, xml("""
            <x xmlns='http://jabber.org/protocol/muc#user'>
              <item affiliation='none' role='none' jid='hag66@shakespeare.lit/pda' nick='oldhag'>
                <actor nick='Fire Burn'/><reason>Avaunt, you cullion!</reason></item>
              <status code='307'/><status code='110'/>
              <destroy jid='darkcave@chat.shakespeare.lit'><reason>Macbeth doth come.</reason></destroy>
            </x>"""));
        assertThat(x.statusCodes()).containsExactlyInAnyOrder(110, 307);
        assertThat(x.has(MucUser.KICKED)).isTrue();
        assertThat(x.item().role()).isEqualTo(Role.NONE);
        assertThat(x.item().jid()).isEqualTo(Jid.parse("hag66@shakespeare.lit/pda"));
        assertThat(x.item().actor()).isEqualTo("Fire Burn");
        assertThat(x.item().reason()).isEqualTo("Avaunt, you cullion!");
        assertThat(x.destroy().alternate()).isEqualTo(Jid.parse("darkcave@chat.shakespeare.lit"));
        assertThat(MucUser.CODEC.decode(MucUser.CODEC.encode(x))).isEqualTo(x);
        assertThat(Role.of("chief")).isEqualTo(Role.UNKNOWN);
        assertThat(Affiliation.of(null)).isEqualTo(Affiliation.NONE);
        assertThatThrownBy(() -> ExtensionCodec.decode(MucUser.CODEC,
            xml("<x xmlns='http://jabber.org/protocol/muc#user'><status code='one'/></x>")))
            .isInstanceOf(ExtensionDecodeException.class);
    }

    @Test
    void configurationSettersOnlyTouchFieldsTheServerSent() {
        DataForm prosodyLike = DataForm.builder(DataForm.Type.FORM)
            .field(FormField.builder(DataForm.FORM_TYPE).type(FieldType.HIDDEN).value(RoomConfiguration.FORM_TYPE).build())
            .field(FormField.builder(RoomConfiguration.PERSISTENT).type(FieldType.BOOLEAN).value("0").build())
            .field(FormField.builder(RoomConfiguration.SECRET).type(FieldType.TEXT_PRIVATE).build())
            .build();
        RoomConfiguration c = new RoomConfiguration(ROOM, prosodyLike).persistent(true).password("cauldronburn");
        assertThat(c.flag(RoomConfiguration.PERSISTENT)).contains(true);
        assertThat(c.value(RoomConfiguration.SECRET)).contains("cauldronburn");
        assertThat(c.supports(RoomConfiguration.PASSWORD_PROTECTED)).isFalse();
        assertThatThrownBy(() -> c.maxUsers(10)).isInstanceOfSatisfying(MucException.class,
            e -> assertThat(e.reason()).isEqualTo(MucException.Reason.UNSUPPORTED));
        DataForm submit = c.form().submit();
        assertThat(submit.fields()).extracting(f -> f.var().orElseThrow())
            .containsExactly(DataForm.FORM_TYPE, RoomConfiguration.PERSISTENT, RoomConfiguration.SECRET);

        DataForm ejabberdLike = prosodyLike.toBuilder()
            .field(FormField.builder(RoomConfiguration.PASSWORD_PROTECTED).type(FieldType.BOOLEAN).value("0").build())
            .build();
        assertThat(new RoomConfiguration(ROOM, ejabberdLike).password("x").flag(RoomConfiguration.PASSWORD_PROTECTED))
            .contains(true);
    }

    @Test
    void stanzaErrorsMapToDistinctReasons() {
        assertThat(List.of(StanzaError.Condition.CONFLICT, StanzaError.Condition.NOT_AUTHORIZED,
                StanzaError.Condition.REGISTRATION_REQUIRED, StanzaError.Condition.FORBIDDEN,
                StanzaError.Condition.SERVICE_UNAVAILABLE, StanzaError.Condition.ITEM_NOT_FOUND)
            .stream().map(c -> MucException.of(ROOM, StanzaError.of(c), "joining").reason()).toList())
            .containsExactly(MucException.Reason.NICK_CONFLICT, MucException.Reason.NOT_AUTHORIZED,
                MucException.Reason.REGISTRATION_REQUIRED, MucException.Reason.FORBIDDEN,
                MucException.Reason.SERVICE_UNAVAILABLE, MucException.Reason.ITEM_NOT_FOUND);
        assertThat(Set.of(MucException.of(ROOM, StanzaError.of(StanzaError.Condition.RESOURCE_CONSTRAINT), "x").reason()))
            .containsExactly(MucException.Reason.SERVICE_UNAVAILABLE);
    }
}
