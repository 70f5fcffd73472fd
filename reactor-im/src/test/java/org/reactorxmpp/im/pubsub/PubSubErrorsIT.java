package org.reactorxmpp.im.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.reactorxmpp.im.testing.ImTesting.TIMEOUT;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.reactorxmpp.xmpp.stanza.StanzaError;
import org.reactorxmpp.xmpp.testing.OnBothServers;
import org.reactorxmpp.xmpp.testing.XmppTestServer;
import org.reactorxmpp.xmpp.xml.XmlElement;

/** Typed pubsub errors from each server: item-not-found, forbidden, conflict, each its own condition. */
@OnBothServers
class PubSubErrorsIT extends PubSubSessions {

    PubSubErrorsIT(XmppTestServer server) {
        super(server, "errors", "errors");
    }

    private static void fails(Runnable call, String operation, StanzaError.Condition condition) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(PubSubException.class, e -> {
            assertThat(e.condition()).isEqualTo(condition);
            assertThat(e.operation()).isEqualTo(operation);
            assertThat(e.getMessage()).contains(condition.elementName());
        });
    }

    @Test
    void aMissingNodeIsItemNotFound() {
        fails(() -> pubsub.items(node).blockLast(TIMEOUT), "items", StanzaError.Condition.ITEM_NOT_FOUND);
        fails(() -> bobs.subscribe(node).block(TIMEOUT), "subscribe", StanzaError.Condition.ITEM_NOT_FOUND);
        fails(() -> pubsub.nodeInfo(node).block(TIMEOUT), "node info", StanzaError.Condition.ITEM_NOT_FOUND);
        fails(() -> pubsub.items(node, List.of("nope")).blockLast(TIMEOUT), "items", StanzaError.Condition.ITEM_NOT_FOUND);
        // owner operations on a missing node: Prosody 0.12 checks the owner capability first, and nobody
        // owns a missing node (seen on the wire: forbidden); ejabberd looks the node up first
        StanzaError.Condition ownerOnMissing = server.name().equalsIgnoreCase("ejabberd")
            ? StanzaError.Condition.ITEM_NOT_FOUND : StanzaError.Condition.FORBIDDEN;
        fails(() -> pubsub.configuration(node).block(TIMEOUT), "configuration", ownerOnMissing);
        fails(() -> pubsub.deleteNode(node).block(TIMEOUT), "delete", ownerOnMissing);
    }

    @Test
    void aNonOwnerDeletingConfiguringOrPurgingIsForbidden() {
        pubsub.createNode(node).block(TIMEOUT);
        NodeConfiguration config = pubsub.configuration(node).block(TIMEOUT);
        fails(() -> bobs.deleteNode(node).block(TIMEOUT), "delete", StanzaError.Condition.FORBIDDEN);
        fails(() -> bobs.configuration(node).block(TIMEOUT), "configuration", StanzaError.Condition.FORBIDDEN);
        fails(() -> bobs.configure(node, config.maxItems(3)).block(TIMEOUT), "configure", StanzaError.Condition.FORBIDDEN);
        fails(() -> bobs.purge(node).block(TIMEOUT), "purge", StanzaError.Condition.FORBIDDEN);
        fails(() -> bobs.affiliations(node).blockLast(TIMEOUT), "affiliations", StanzaError.Condition.FORBIDDEN);
        fails(() -> bobs.publish(node, PubSubItem.of("x", XmlElement.empty("urn:example:entry", "entry"))).block(TIMEOUT),
            "publish", StanzaError.Condition.FORBIDDEN);
        // nothing changed
        assertThat(pubsub.configuration(node).block(TIMEOUT)).isEqualTo(config);
        pubsub.deleteNode(node).block(TIMEOUT);
    }

    @Test
    void creatingAnExistingNodeIsAConflict() {
        pubsub.createNode(node).block(TIMEOUT);
        fails(() -> pubsub.createNode(node).block(TIMEOUT), "create", StanzaError.Condition.CONFLICT);
        fails(() -> bobs.createNode(node).block(TIMEOUT), "create", StanzaError.Condition.CONFLICT);
        pubsub.deleteNode(node).block(TIMEOUT);
    }
}
