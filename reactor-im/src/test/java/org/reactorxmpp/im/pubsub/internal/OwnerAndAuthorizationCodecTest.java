package org.reactorxmpp.im.pubsub.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.reactorxmpp.im.forms.DataForm;
import org.reactorxmpp.im.forms.FieldType;
import org.reactorxmpp.im.forms.FormField;
import org.reactorxmpp.im.pubsub.NodeInfo;
import org.reactorxmpp.im.pubsub.PubSub;
import org.reactorxmpp.im.pubsub.PubSubAffiliation;
import org.reactorxmpp.im.pubsub.PubSubSubscription;
import org.reactorxmpp.im.pubsub.SubscriptionRequest;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.session.DiscoIdentity;
import org.reactorxmpp.xmpp.session.EntityInfo;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.stanza.Message;
import org.reactorxmpp.xmpp.xml.XmlElement;

/** Owner payloads and the authorization form, both ways, without a server (the ITs cover the servers). */
class OwnerAndAuthorizationCodecTest {

    private static final Jid SERVICE = Jid.domain("pubsub.example.com");
    private static final Jid ME = Jid.parse("owner@example.com");

    @Test
    void ownerAffiliationsAndOwnAffiliationsAreRead() {
        XmlElement owner = XmlElement.builder(PubSub.OWNER, "pubsub").child(XmlElement.builder(PubSub.OWNER, "affiliations")
            .attribute("node", "n")
            .child(XmlElement.builder(PubSub.OWNER, "affiliation").attribute("jid", "a@example.com").attribute("affiliation", "owner").build())
            .child(XmlElement.builder(PubSub.OWNER, "affiliation").attribute("jid", "b@example.com").attribute("affiliation", "publish-only").build())
            .child(XmlElement.builder(PubSub.OWNER, "affiliation").attribute("jid", "c@example.com").attribute("affiliation", "boss").build())
            .build()).build();
        assertThat(OwnerCodec.affiliations(result(owner), PubSub.OWNER, "n", ME)).containsExactly(
            new PubSubAffiliation("n", Jid.parse("a@example.com"), PubSubAffiliation.Type.OWNER),
            new PubSubAffiliation("n", Jid.parse("b@example.com"), PubSubAffiliation.Type.PUBLISH_ONLY),
            new PubSubAffiliation("n", Jid.parse("c@example.com"), PubSubAffiliation.Type.UNKNOWN));

        // the entity's own affiliations name nodes and no jid
        XmlElement own = XmlElement.builder(PubSub.NAMESPACE, "pubsub").child(XmlElement.builder(PubSub.NAMESPACE, "affiliations")
            .child(XmlElement.builder(PubSub.NAMESPACE, "affiliation").attribute("node", "x").attribute("affiliation", "publisher").build())
            .child(XmlElement.builder(PubSub.NAMESPACE, "affiliation").attribute("affiliation", "member").build())
            .build()).build();
        assertThat(OwnerCodec.affiliations(result(own), PubSub.NAMESPACE, null, ME))
            .containsExactly(new PubSubAffiliation("x", ME, PubSubAffiliation.Type.PUBLISHER));
    }

    @Test
    void changesAreWrittenForTheirNodeOnly() {
        XmlElement set = OwnerCodec.subscriptions("n", List.of(
            new PubSubSubscription("n", Jid.parse("b@example.com"), "s1", PubSubSubscription.State.NONE)));
        XmlElement entry = set.element(PubSub.OWNER, "subscription");
        assertThat(entry.attribute("jid")).isEqualTo("b@example.com");
        assertThat(entry.attribute("subid")).isEqualTo("s1");
        assertThat(entry.attribute("subscription")).isEqualTo("none");
        assertThat(set.attribute("node")).isEqualTo("n");

        assertThatThrownBy(() -> OwnerCodec.affiliations("n", List.of(
            new PubSubAffiliation("other", ME, PubSubAffiliation.Type.MEMBER))))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'other'");
        assertThatThrownBy(() -> OwnerCodec.affiliations("n", List.of(
            new PubSubAffiliation("n", ME, PubSubAffiliation.Type.UNKNOWN))))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("UNKNOWN");
    }

    @Test
    void nodeInfoTakesTheTypeFromThePubsubIdentityAndTheMetaDataForm() {
        DataForm meta = DataForm.builder(DataForm.Type.RESULT)
            .field(FormField.builder(DataForm.FORM_TYPE).type(FieldType.HIDDEN).values(List.of(NodeInfo.FORM_TYPE)).build())
            .field(FormField.builder(NodeInfo.ACCESS_MODEL).values(List.of("whitelist")).build()).build();
        EntityInfo info = new EntityInfo(List.of(DiscoIdentity.of("pubsub", "collection", null)), Set.of("f"),
            List.of(DataForm.CODEC.encode(meta)));
        NodeInfo node = OwnerCodec.nodeInfo("n", info);
        assertThat(node.type()).isEqualTo(NodeInfo.Type.COLLECTION);
        assertThat(node.accessModel()).contains(org.reactorxmpp.im.pubsub.AccessModel.WHITELIST);
        assertThat(OwnerCodec.nodeInfo("n", new EntityInfo(List.of(), Set.of(), List.of())).type())
            .isEqualTo(NodeInfo.Type.UNKNOWN);
    }

    @Test
    void anAuthorizationRequestIsReadAndAnsweredWithItsForm() {
        DataForm form = DataForm.builder(DataForm.Type.FORM)
            .field(FormField.builder(DataForm.FORM_TYPE).type(FieldType.HIDDEN).values(List.of(SubscriptionRequest.FORM_TYPE)).build())
            .field(FormField.builder(SubscriptionRequest.NODE).type(FieldType.TEXT_SINGLE).values(List.of("n")).build())
            .field(FormField.builder(SubscriptionRequest.SUBSCRIBER).type(FieldType.JID_SINGLE).values(List.of("b@example.com")).build())
            .field(FormField.builder(SubscriptionRequest.ALLOW).type(FieldType.BOOLEAN).values(List.of("false")).build())
            .build();
        Message message = Message.builder().id("auth1").from(SERVICE).to(ME).extension(DataForm.CODEC, form).build();
        assertThat(AuthorizationCodec.isRequest(message)).isTrue();
        assertThat(AuthorizationCodec.isRequest(Message.builder().from(SERVICE).body("hi").build())).isFalse();

        SubscriptionRequest request = AuthorizationCodec.decode(message).orElseThrow();
        assertThat(request.service()).isEqualTo(SERVICE);
        assertThat(request.node()).isEqualTo("n");
        assertThat(request.subscriber()).isEqualTo(Jid.parse("b@example.com"));
        assertThat(request.subid()).isNull();

        Message answer = AuthorizationCodec.answer(request, true);
        assertThat(answer.to()).isEqualTo(SERVICE);
        assertThat(answer.id()).isEqualTo("auth1");
        DataForm sent = answer.extension(DataForm.CODEC).orElseThrow();
        assertThat(sent.type()).isEqualTo(DataForm.Type.SUBMIT);
        assertThat(sent.field(SubscriptionRequest.ALLOW).flatMap(FormField::booleanValue)).contains(true);
        assertThat(sent.field(SubscriptionRequest.SUBSCRIBER).flatMap(FormField::value)).contains("b@example.com");
    }

    private static Iq result(XmlElement payload) {
        return Iq.builder(Iq.Type.RESULT).id("r").payload(payload).build();
    }
}
