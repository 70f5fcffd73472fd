package org.reactorxmpp.im.forms;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.reactorxmpp.xmpp.extension.ExtensionCodec;
import org.reactorxmpp.xmpp.extension.ExtensionDecodeException;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlName;
import org.reactorxmpp.xmpp.xml.XmlReader;

class DataFormTest {

    /** A room configuration form with every field type, as a server sends it. */
    private static final String CONFIG = """
        <x xmlns='jabber:x:data' type='form'>
          <title>Configuration for coven@chat.shakespeare.lit</title>
          <instructions>Complete this form to modify the configuration of your room.</instructions>
          <instructions>Second line.</instructions>
          <field type='hidden' var='FORM_TYPE'><value>http://jabber.org/protocol/muc#roomconfig</value></field>
          <field type='fixed'><value>Room settings</value></field>
          <field label='Natural-Language Room Name' type='text-single' var='muc#roomconfig_roomname'><value>Coven</value></field>
          <field label='Short Description' type='text-multi' var='muc#roomconfig_roomdesc'><value>line one</value><value>line two</value></field>
          <field label='Make Room Persistent?' type='boolean' var='muc#roomconfig_persistentroom'><required/><value>0</value></field>
          <field label='Password' type='text-private' var='muc#roomconfig_roomsecret'><desc>empty: none</desc></field>
          <field label='Who May Discover Real JIDs?' type='list-single' var='muc#roomconfig_whois'>
            <option label='Moderators Only'><value>moderators</value></option>
            <option label='Anyone'><value>anyone</value></option>
            <value>moderators</value>
          </field>
          <field label='Roles for which Presence is Broadcasted' type='list-multi' var='muc#roomconfig_presencebroadcast'>
            <option label='Moderator'><value>moderator</value></option>
            <option><value>participant</value></option>
            <value>moderator</value><value>participant</value>
          </field>
          <field label='Room Admins' type='jid-multi' var='muc#roomconfig_roomadmins'><value>wiccarocks@shakespeare.lit</value></field>
          <field label='Room Owner' type='jid-single' var='owner'/>
          <field var='untyped'><value>plain</value><validate xmlns='http://jabber.org/protocol/xdata-validate' datatype='xs:integer'/></field>
          <field var='future' type='color'><value>red</value><value>blue</value></field>
          <unknown xmlns='urn:example:other'/>
        </x>""";

    private static XmlElement xml(String text) {
        return XmlReader.create().read(text.getBytes(UTF_8));
    }

    private static DataForm decode(String text) {
        return ExtensionCodec.decode(DataForm.CODEC, xml(text));
    }

    @Test
    void decodesEveryFieldTypeWithOptionsRequiredAndMultipleValues() {
        DataForm form = decode(CONFIG);
        assertThat(form.type()).isEqualTo(DataForm.Type.FORM);
        assertThat(form.title()).contains("Configuration for coven@chat.shakespeare.lit");
        assertThat(form.instructions()).hasSize(2);
        assertThat(form.formType()).contains("http://jabber.org/protocol/muc#roomconfig");
        assertThat(form.fields()).extracting(FormField::type).containsExactly(FieldType.HIDDEN, FieldType.FIXED,
            FieldType.TEXT_SINGLE, FieldType.TEXT_MULTI, FieldType.BOOLEAN, FieldType.TEXT_PRIVATE,
            FieldType.LIST_SINGLE, FieldType.LIST_MULTI, FieldType.JID_MULTI, FieldType.JID_SINGLE,
            FieldType.TEXT_SINGLE, FieldType.UNKNOWN);
        assertThat(form.fields().get(1).var()).isEmpty();
        assertThat(form.field("muc#roomconfig_roomdesc").orElseThrow().text()).isEqualTo("line one\nline two");
        FormField persistent = form.field("muc#roomconfig_persistentroom").orElseThrow();
        assertThat(persistent.required()).isTrue();
        assertThat(persistent.booleanValue()).contains(false);
        assertThat(form.field("muc#roomconfig_roomsecret").orElseThrow().description()).contains("empty: none");
        FormField whois = form.field("muc#roomconfig_whois").orElseThrow();
        assertThat(whois.options()).containsExactly(new FormOption("Moderators Only", "moderators"),
            new FormOption("Anyone", "anyone"));
        assertThat(form.field("muc#roomconfig_presencebroadcast").orElseThrow().values())
            .containsExactly("moderator", "participant");
        assertThat(form.field("muc#roomconfig_roomadmins").orElseThrow().jidValues())
            .containsExactly(Jid.parse("wiccarocks@shakespeare.lit"));
        assertThat(form.field("untyped").orElseThrow().extensions()).hasSize(1);
        assertThat(form.field("untyped").orElseThrow().typeAttribute()).isNull();
        assertThat(form.field("future").orElseThrow().values()).containsExactly("red", "blue");
        assertThat(form.extensions()).extracting(XmlElement::name).containsExactly(XmlName.of("urn:example:other", "unknown"));
    }

    @Test
    void roundTripsThroughTheCodec() {
        DataForm form = decode(CONFIG);
        XmlElement encoded = DataForm.CODEC.encode(form);
        assertThat(decode(encoded.toString())).isEqualTo(form);
        assertThat(DataForm.CODEC.decode(encoded)).isEqualTo(form);
    }

    @Test
    void fillAndSubmitKeepOnlyNamedValues() {
        DataForm submit = decode(CONFIG)
            .fill("muc#roomconfig_persistentroom", true)
            .fill("muc#roomconfig_roomadmins", "a@example.com", "b@example.com")
            .fill("muc#roomconfig_whois", "anyone")
            .submit();
        assertThat(submit.type()).isEqualTo(DataForm.Type.SUBMIT);
        assertThat(submit.formType()).contains("http://jabber.org/protocol/muc#roomconfig");
        assertThat(submit.field("muc#roomconfig_persistentroom").orElseThrow().values()).containsExactly("1");
        assertThat(submit.field("muc#roomconfig_roomadmins").orElseThrow().values())
            .containsExactly("a@example.com", "b@example.com");
        assertThat(submit.fields()).noneMatch(f -> f.type() == FieldType.FIXED);
        assertThat(submit.fields()).allMatch(f -> f.options().isEmpty() && f.label().isEmpty() && f.description().isEmpty());
        XmlElement wire = DataForm.CODEC.encode(submit);
        assertThat(wire.attribute("type")).isEqualTo("submit");
        assertThat(DataForm.CODEC.decode(wire)).isEqualTo(submit);
    }

    @Test
    void fillingRefusesWhatTheFieldsDoNotAllow() {
        DataForm form = decode(CONFIG);
        assertThatThrownBy(() -> form.fill("muc#roomconfig_nosuchfield", "x"))
            .isInstanceOf(DataFormException.class).hasMessageContaining("no such field");
        assertThatThrownBy(() -> form.fill("muc#roomconfig_roomname", "a", "b"))
            .isInstanceOf(DataFormException.class).hasMessageContaining("one value");
        assertThatThrownBy(() -> form.fill("muc#roomconfig_persistentroom", "maybe"))
            .isInstanceOf(DataFormException.class).hasMessageContaining("not a boolean");
        assertThatThrownBy(() -> form.fill("muc#roomconfig_roomname", true))
            .isInstanceOf(DataFormException.class).hasMessageContaining("not a boolean");
        assertThatThrownBy(() -> form.fill("owner", "@@not a jid"))
            .isInstanceOf(DataFormException.class).extracting(e -> ((DataFormException) e).field()).isEqualTo("owner");
        assertThatThrownBy(() -> form.submit().submit()).isInstanceOf(DataFormException.class);
        DataForm required = DataForm.builder(DataForm.Type.FORM)
            .field(FormField.builder("must").required(true).build()).build();
        assertThatThrownBy(required::submit).isInstanceOf(DataFormException.class).hasMessageContaining("required");
        assertThat(required.fill("must", "done").submit().field("must").orElseThrow().value()).contains("done");
    }

    @Test
    void readsTableResults() {
        DataForm result = decode("""
            <x xmlns='jabber:x:data' type='result'>
              <field type='hidden' var='FORM_TYPE'><value>jabber:iq:search</value></field>
              <reported><field var='first' label='Given Name'/><field var='jid' type='jid-single'/></reported>
              <item><field var='first'><value>Benvolio</value></field><field var='jid'><value>benvolio@montague.net</value></field></item>
              <item><field var='first'><value>Romeo</value></field><field var='jid'><value>romeo@montague.net</value></field></item>
            </x>""");
        assertThat(result.reported()).extracting(f -> f.var().orElseThrow()).containsExactly("first", "jid");
        assertThat(result.items()).hasSize(2);
        assertThat(result.rows()).containsExactly(
            Map.of("first", List.of("Benvolio"), "jid", List.of("benvolio@montague.net")),
            Map.of("first", List.of("Romeo"), "jid", List.of("romeo@montague.net")));
        assertThat(decode(DataForm.CODEC.encode(result).toString())).isEqualTo(result);
    }

    @Test
    void cancelAndProgrammaticSubmit() {
        assertThat(DataForm.CODEC.encode(DataForm.cancel()))
            .isEqualTo(XmlElement.builder(DataForm.NAMESPACE, "x").attribute("type", "cancel").build());
        Map<String, List<String>> values = new LinkedHashMap<>();
        values.put("muc#roomconfig_roomname", List.of("Lobby"));
        values.put("muc#roomconfig_roomadmins", List.of("a@example.com", "b@example.com"));
        DataForm submit = DataForm.submit("http://jabber.org/protocol/muc#roomconfig", values);
        assertThat(submit.fields()).extracting(f -> f.var().orElseThrow())
            .containsExactly("FORM_TYPE", "muc#roomconfig_roomname", "muc#roomconfig_roomadmins");
        assertThat(DataForm.CODEC.decode(DataForm.CODEC.encode(submit))).isEqualTo(submit);
        assertThat(DataForm.submit(null, Map.of()).fields()).isEmpty();
    }

    @Test
    void malformedFormsAreTypedDecodeErrors() {
        List<String> malformed = List.of(
            "<x xmlns='jabber:x:data'/>",
            "<x xmlns='jabber:x:data' type='draft'/>",
            "<x xmlns='jabber:x:data' type='form'><field type='text-single'><value>no var</value></field></x>",
            "<x xmlns='jabber:x:data' type='form'><field var='a' type='boolean'><value>yes</value></field></x>",
            "<x xmlns='jabber:x:data' type='form'><field var='a' type='text-single'><value>1</value><value>2</value></field></x>",
            "<x xmlns='jabber:x:data' type='form'><field var='a' type='jid-single'><value>@bad@</value></field></x>",
            "<x xmlns='jabber:x:data' type='form'><field var='a' type='list-single'><option label='x'/></field></x>",
            "<x xmlns='jabber:x:data' type='form'><field var='a'/><field var='a'/></x>");
        for (String text : malformed) {
            assertThatThrownBy(() -> decode(text)).as(text)
                .isInstanceOf(ExtensionDecodeException.class)
                .satisfies(e -> assertThat(((ExtensionDecodeException) e).element()).isEqualTo(DataForm.CODEC.name()));
        }
    }
}
