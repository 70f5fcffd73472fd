package org.reactorxmpp.im.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.reactorxmpp.im.testing.ImTesting.TIMEOUT;
import static org.reactorxmpp.im.testing.ImTesting.expect;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.reactorxmpp.im.forms.DataForm;
import org.reactorxmpp.im.forms.FieldType;
import org.reactorxmpp.im.forms.FormField;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.stanza.StanzaError;
import org.reactorxmpp.xmpp.testing.OnBothServers;
import org.reactorxmpp.xmpp.testing.XmppTestServer;

/** XEP-0060 owner use cases, subscription options and node discovery against each server's pubsub service. */
@OnBothServers
class PubSubOwnerIT extends PubSubSessions {

    PubSubOwnerIT(XmppTestServer server) {
        super(server, "owner", "owned");
    }

    @Test
    void theOwnerGrantsAndRemovesAffiliations() {
        pubsub.createNode(node).block(TIMEOUT);
        Jid me = alice.jid().asBare();
        Jid him = bob.jid().asBare();
        assertThat(pubsub.affiliations(node).collectList().block(TIMEOUT))
            .contains(new PubSubAffiliation(node, me, PubSubAffiliation.Type.OWNER));

        pubsub.setAffiliations(node, List.of(new PubSubAffiliation(node, him, PubSubAffiliation.Type.PUBLISHER)))
            .block(TIMEOUT);
        assertThat(pubsub.affiliations(node).collectList().block(TIMEOUT))
            .contains(new PubSubAffiliation(node, him, PubSubAffiliation.Type.PUBLISHER));
        // the affiliation takes effect: bob may now publish to alice's node
        assertThat(bobs.publish(node, PubSubItem.of("by-bob", entry("granted"))).block(TIMEOUT)).isEqualTo("by-bob");
        if (ejabberd()) {
            assertThat(bobs.myAffiliations().collectList().block(TIMEOUT))
                .contains(new PubSubAffiliation(node, him, PubSubAffiliation.Type.PUBLISHER));
        } else {
            // Prosody 0.12's mod_pubsub has no handler for the entity's <affiliations/> (only the owner's):
            // the request goes unhandled and is answered service-unavailable (seen on the wire)
            assertThatThrownBy(() -> bobs.myAffiliations().blockLast(TIMEOUT)).isInstanceOfSatisfying(
                PubSubException.class, e -> assertThat(e.condition()).isEqualTo(StanzaError.Condition.SERVICE_UNAVAILABLE));
        }

        pubsub.setAffiliations(node, List.of(new PubSubAffiliation(node, him, PubSubAffiliation.Type.NONE))).block(TIMEOUT);
        assertThat(pubsub.affiliations(node).map(PubSubAffiliation::jid).collectList().block(TIMEOUT)).doesNotContain(him);
        pubsub.deleteNode(node).block(TIMEOUT);
    }

    @Test
    void theOwnerSubscribesAndUnsubscribesOthers() {
        pubsub.createNode(node).block(TIMEOUT);
        Jid him = bob.jid().asBare();
        pubsub.setSubscriptions(node, List.of(new PubSubSubscription(node, him, null, PubSubSubscription.State.SUBSCRIBED)))
            .block(TIMEOUT);
        assertThat(pubsub.subscriptions(node).collectList().block(TIMEOUT)).anySatisfy(s -> {
            assertThat(s.jid()).isEqualTo(him);
            assertThat(s.state()).isEqualTo(PubSubSubscription.State.SUBSCRIBED);
            assertThat(s.node()).isEqualTo(node);
        });
        // the subscription works: bob gets what alice publishes
        var published = expect(bobs.events(), e -> e instanceof PubSubEvent.Published && e.node().equals(node));
        pubsub.publish(node, PubSubItem.of("x", entry("for bob"))).block(TIMEOUT);
        assertThat(((PubSubEvent.Published) published.get()).items()).extracting(PubSubItem::id).containsExactly("x");

        PubSubSubscription his = pubsub.subscriptions(node).filter(s -> s.jid().equals(him)).blockFirst(TIMEOUT);
        pubsub.setSubscriptions(node, List.of(new PubSubSubscription(node, him, his.subid(), PubSubSubscription.State.NONE)))
            .block(TIMEOUT);
        assertThat(pubsub.subscriptions(node).map(PubSubSubscription::jid).collectList().block(TIMEOUT)).doesNotContain(him);
        pubsub.deleteNode(node).block(TIMEOUT);
    }

    @Test
    void aSubscriberReadsAndSubmitsItsSubscriptionOptions() {
        pubsub.createNode(node).block(TIMEOUT);
        PubSubSubscription mine = bobs.subscribe(node).block(TIMEOUT);
        if (ejabberd()) {
            // ejabberd 23.01's flat nodes do not offer subscription options (seen on the wire)
            assertThatThrownBy(() -> bobs.subscriptionOptions(node, mine.subid()).block(TIMEOUT))
                .isInstanceOfSatisfying(PubSubException.class, e -> {
                    assertThat(e.condition()).isEqualTo(StanzaError.Condition.FEATURE_NOT_IMPLEMENTED);
                    assertThat(e.pubsubCondition()).isEqualTo(PubSubCondition.UNSUPPORTED);
                    assertThat(e.unsupportedFeature()).contains("subscription-options");
                });
            pubsub.deleteNode(node).block(TIMEOUT);
            return;
        }
        DataForm options = bobs.subscriptionOptions(node, mine.subid()).block(TIMEOUT);
        assertThat(options.formType()).contains("http://jabber.org/protocol/pubsub#subscribe_options");
        // the fields differ (Prosody 0.12: pubsub#include_body only; ejabberd: pubsub#deliver, digest, ...):
        // flip the first boolean field the service offers and read it back
        FormField flag = options.fields().stream().filter(f -> f.type() == FieldType.BOOLEAN).findFirst()
            .orElseThrow(() -> new AssertionError("no boolean subscription option in " + options));
        String var = flag.var().orElseThrow();
        boolean flipped = !flag.booleanValue().orElse(false);
        bobs.submitSubscriptionOptions(node, mine.subid(), options.fill(var, flipped)).block(TIMEOUT);
        assertThat(bobs.subscriptionOptions(node, mine.subid()).block(TIMEOUT).field(var)
            .flatMap(FormField::booleanValue)).as(var).contains(flipped);
        pubsub.deleteNode(node).block(TIMEOUT);
    }

    @Test
    void nodeInfoAndItemsThroughDisco() {
        pubsub.createNode(node).block(TIMEOUT);
        pubsub.publish(node, PubSubItem.of("one", entry("1"))).block(TIMEOUT);
        pubsub.publish(node, PubSubItem.of("two", entry("2"))).block(TIMEOUT);

        NodeInfo info = pubsub.nodeInfo(node).block(TIMEOUT);
        assertThat(info.node()).isEqualTo(node);
        assertThat(info.type()).isEqualTo(NodeInfo.Type.LEAF);
        if (ejabberd()) {
            assertThat(info.features()).contains(PubSub.NAMESPACE);
        } else {
            // Prosody 0.12 answers a node's disco#info with the identity and the meta-data form, no features
            assertThat(info.features()).isEmpty();
        }
        assertThat(info.metadata()).as("both servers send pubsub#meta-data").isNotNull();
        assertThat(info.accessModel()).contains(AccessModel.OPEN);

        // a leaf's disco#items are its items, the item id as the name
        assertThat(pubsub.nodeItems(node).collectList().block(TIMEOUT)).allSatisfy(i -> {
            assertThat(i.jid()).isEqualTo(Jid.domain(server.pubsubHost()));
        }).extracting(i -> i.name().orElse(null)).containsExactlyInAnyOrder("one", "two");
        pubsub.deleteNode(node).block(TIMEOUT);
    }

    @Test
    void anAuthorizeNodeAsksTheOwnerWhoApprovesOrDenies() {
        NodeConfiguration authorize = pubsub.defaultConfiguration().block(TIMEOUT).accessModel(AccessModel.AUTHORIZE);
        if (!ejabberd()) {
            // Prosody 0.12 lists "authorize" among the access model options of its form but has no
            // authorization flow: a node created with it is refused with not-acceptable (seen on the wire)
            assertThatThrownBy(() -> pubsub.createNode(node, authorize).block(TIMEOUT))
                .isInstanceOfSatisfying(PubSubException.class,
                    e -> assertThat(e.condition()).isEqualTo(StanzaError.Condition.NOT_ACCEPTABLE));
            return;
        }
        pubsub.createNode(node, authorize).block(TIMEOUT);
        assertThat(pubsub.configuration(node).block(TIMEOUT).accessModel()).contains(AccessModel.AUTHORIZE);
        Jid him = bob.jid().asBare();
        var asked = expect(pubsub.subscriptionRequests(), r -> r.node().equals(node));
        PubSubSubscription pending = bobs.subscribe(node).block(TIMEOUT);
        assertThat(pending.state()).isEqualTo(PubSubSubscription.State.PENDING);
        SubscriptionRequest request = asked.get();
        assertThat(request.subscriber().asBare()).isEqualTo(him);
        assertThat(request.service()).isEqualTo(Jid.domain(server.pubsubHost()));
        // ejabberd 23.01 leaves pending subscriptions out of the owner's subscription list (seen on the wire)
        assertThat(pubsub.subscriptions(node).filter(s -> s.jid().equals(him)).collectList().block(TIMEOUT)).isEmpty();

        var approved = expect(bobs.events(), e -> e instanceof PubSubEvent.SubscriptionChanged c && c.node().equals(node));
        pubsub.answer(request, true).block(TIMEOUT);
        PubSubEvent.SubscriptionChanged change = (PubSubEvent.SubscriptionChanged) approved.get();
        assertThat(change.subscription().state()).isEqualTo(PubSubSubscription.State.SUBSCRIBED);
        assertThat(pubsub.subscriptions(node).filter(s -> s.jid().equals(him)).map(PubSubSubscription::state)
            .collectList().block(TIMEOUT)).containsExactly(PubSubSubscription.State.SUBSCRIBED);

        // a second request, denied: the subscription is gone
        pubsub.setSubscriptions(node, List.of(new PubSubSubscription(node, him, null, PubSubSubscription.State.NONE)))
            .block(TIMEOUT);
        var askedAgain = expect(pubsub.subscriptionRequests(), r -> r.node().equals(node));
        var denied = expect(bobs.events(), e -> e instanceof PubSubEvent.SubscriptionChanged c && c.node().equals(node));
        bobs.subscribe(node).block(TIMEOUT);
        pubsub.answer(askedAgain.get(), false).block(TIMEOUT);
        assertThat(((PubSubEvent.SubscriptionChanged) denied.get()).subscription().state())
            .isEqualTo(PubSubSubscription.State.NONE);
        assertThat(pubsub.subscriptions(node).map(PubSubSubscription::jid).collectList().block(TIMEOUT)).doesNotContain(him);
        pubsub.deleteNode(node).block(TIMEOUT);
    }

    @Test
    void theDefaultConfigurationIsAFormWithTheCommonFields() {
        NodeConfiguration defaults = pubsub.defaultConfiguration().block(TIMEOUT);
        assertThat(defaults.form().formType()).contains(NodeConfiguration.FORM_TYPE);
        assertThat(defaults.accessModel()).contains(AccessModel.OPEN);
        assertThat(defaults.publishModel()).contains(PublishModel.PUBLISHERS);
        assertThat(defaults.maxItems()).contains(ejabberd() ? 1000L : 20L);
        assertThat(defaults.persistItems()).isPresent();
    }
}
