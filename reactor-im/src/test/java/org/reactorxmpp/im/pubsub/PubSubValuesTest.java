package org.reactorxmpp.im.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.reactorxmpp.im.forms.DataForm;
import org.reactorxmpp.im.forms.DataFormException;
import org.reactorxmpp.im.forms.FieldType;
import org.reactorxmpp.im.forms.FormField;
import org.reactorxmpp.xmpp.stanza.StanzaError;
import org.reactorxmpp.xmpp.stanza.StanzaErrorException;
import org.reactorxmpp.xmpp.xml.XmlElement;

class PubSubValuesTest {

    private static DataForm serverForm() {
        return DataForm.builder(DataForm.Type.FORM)
            .field(FormField.builder(DataForm.FORM_TYPE).type(FieldType.HIDDEN).value(NodeConfiguration.FORM_TYPE).build())
            .field(FormField.builder(NodeConfiguration.MAX_ITEMS).type(FieldType.TEXT_SINGLE).value("20").build())
            .field(FormField.builder(NodeConfiguration.ACCESS_MODEL).type(FieldType.LIST_SINGLE).value("open").build())
            .field(FormField.builder(NodeConfiguration.PERSIST_ITEMS).type(FieldType.BOOLEAN).value("1").build())
            .build();
    }

    @Test
    void typedSettersFillOnlyFieldsTheServerSent() {
        NodeConfiguration c = NodeConfiguration.of(serverForm()).maxItems(5).accessModel(AccessModel.WHITELIST)
            .persistItems(false);
        assertThat(c.maxItems()).contains(5L);
        assertThat(c.accessModel()).contains(AccessModel.WHITELIST);
        assertThat(c.persistItems()).contains(false);
        assertThat(c.publishModel()).isEmpty();
        assertThatThrownBy(() -> c.publishModel(PublishModel.OPEN)).isInstanceOf(DataFormException.class)
            .hasMessageContaining(NodeConfiguration.PUBLISH_MODEL);
        DataForm submit = c.submitForm();
        assertThat(submit.type()).isEqualTo(DataForm.Type.SUBMIT);
        assertThat(submit.field(NodeConfiguration.MAX_ITEMS).orElseThrow().values()).containsExactly("5");
        assertThat(submit.formType()).contains(NodeConfiguration.FORM_TYPE);
    }

    @Test
    void maxItemsMaxIsUnbounded() {
        NodeConfiguration c = NodeConfiguration.of(serverForm()).with(NodeConfiguration.MAX_ITEMS, "max");
        assertThat(c.maxItems()).contains(Long.MAX_VALUE);
    }

    @Test
    void publishOptionsAreASubmitFormOfTheirType() {
        DataForm form = PublishOptions.empty().accessModel(AccessModel.PRESENCE).persistItems(true).form();
        assertThat(form.type()).isEqualTo(DataForm.Type.SUBMIT);
        assertThat(form.formType()).contains(PublishOptions.FORM_TYPE);
        assertThat(form.field(NodeConfiguration.ACCESS_MODEL).orElseThrow().values()).containsExactly("presence");
        assertThat(form.field(NodeConfiguration.PERSIST_ITEMS).orElseThrow().values()).containsExactly("true");
        assertThat(PublishOptions.empty().isEmpty()).isTrue();
    }

    @Test
    void errorsCarryTheStanzaAndPubsubConditions() {
        StanzaError error = StanzaError.builder(StanzaError.Condition.CONFLICT)
            .applicationCondition(XmlElement.empty(PubSubCondition.NAMESPACE, "precondition-not-met")).build();
        PubSubException e = PubSubException.of("publish", "n", new StanzaErrorException(error, null));
        assertThat(e.condition()).isEqualTo(StanzaError.Condition.CONFLICT);
        assertThat(e.pubsubCondition()).isEqualTo(PubSubCondition.PRECONDITION_NOT_MET);
        assertThat(e.node()).contains("n");
        assertThat(e).hasMessageContaining("precondition-not-met").hasMessageContaining("'n'");

        StanzaError unsupported = StanzaError.builder(StanzaError.Condition.FEATURE_NOT_IMPLEMENTED)
            .applicationCondition(XmlElement.builder(PubSubCondition.NAMESPACE, "unsupported")
                .attribute("feature", "publish-options").build()).build();
        PubSubException u = PubSubException.of("publish", null, new StanzaErrorException(unsupported, null));
        assertThat(u.pubsubCondition()).isEqualTo(PubSubCondition.UNSUPPORTED);
        assertThat(u.unsupportedFeature()).contains("publish-options");

        PubSubException plain = PubSubException.of("items", "n",
            new StanzaErrorException(StanzaError.of(StanzaError.Condition.ITEM_NOT_FOUND), null));
        assertThat(plain.pubsubCondition()).isEqualTo(PubSubCondition.NONE);
        assertThat(PubSubCondition.of("something-new")).isEqualTo(PubSubCondition.UNKNOWN);
    }
}
