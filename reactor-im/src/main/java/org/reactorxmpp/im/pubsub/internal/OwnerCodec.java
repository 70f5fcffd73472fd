package org.reactorxmpp.im.pubsub.internal;

import static org.reactorxmpp.im.pubsub.PubSub.OWNER;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.im.forms.DataForm;
import org.reactorxmpp.im.pubsub.NodeInfo;
import org.reactorxmpp.im.pubsub.PubSubAffiliation;
import org.reactorxmpp.im.pubsub.PubSubSubscription;
import org.reactorxmpp.xmpp.extension.ExtensionCodec;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.session.DiscoIdentity;
import org.reactorxmpp.xmpp.session.EntityInfo;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.xml.XmlElement;

/** Owner payloads (affiliations, subscriptions of others) and node info, to and from the wire. */
final class OwnerCodec {

    private OwnerCodec() {
    }

    /**
     * @param namespace {@code pubsub#owner} (one node's) or {@code pubsub} (the own, across nodes)
     * @param node the node asked about, or {@code null}
     * @param self the JID of entries without one (the own affiliations carry a node and no jid)
     */
    static List<PubSubAffiliation> affiliations(Iq reply, String namespace, @Nullable String node, Jid self) {
        return reply.payload().map(p -> p.element(namespace, "affiliations")).map(list -> {
            String listNode = list.attribute("node") != null ? list.attribute("node") : node;
            return list.elements().filter(e -> e.is(namespace, "affiliation")).map(e -> affiliation(e, listNode, self))
                .filter(Objects::nonNull).toList();
        }).orElse(List.of());
    }

    private static @Nullable PubSubAffiliation affiliation(XmlElement e, @Nullable String listNode, Jid self) {
        String node = e.attribute("node") != null ? e.attribute("node") : listNode;
        if (node == null) {
            return null;
        }
        Jid jid = Jid.tryParse(e.attribute("jid")).orElse(self);
        return new PubSubAffiliation(node, jid, PubSubAffiliation.Type.of(e.attribute("affiliation")));
    }

    static XmlElement affiliations(String node, Collection<PubSubAffiliation> changes) {
        XmlElement.Builder list = XmlElement.builder(OWNER, "affiliations").attribute("node", Objects.requireNonNull(node));
        for (PubSubAffiliation a : changes) {
            same(node, a.node());
            if (a.type() == PubSubAffiliation.Type.UNKNOWN) {
                throw new IllegalArgumentException("UNKNOWN is not an affiliation to set (" + a.jid() + ")");
            }
            list.child(XmlElement.builder(OWNER, "affiliation").attribute("jid", a.jid())
                .attribute("affiliation", a.type().value()).build());
        }
        return list.build();
    }

    static XmlElement subscriptions(String node, Collection<PubSubSubscription> changes) {
        XmlElement.Builder list = XmlElement.builder(OWNER, "subscriptions").attribute("node", Objects.requireNonNull(node));
        for (PubSubSubscription s : changes) {
            same(node, s.node());
            if (s.state() == PubSubSubscription.State.UNKNOWN) {
                throw new IllegalArgumentException("UNKNOWN is not a subscription state to set (" + s.jid() + ")");
            }
            list.child(XmlElement.builder(OWNER, "subscription").attribute("jid", s.jid()).attribute("subid", s.subid())
                .attribute("subscription", s.state().value()).build());
        }
        return list.build();
    }

    private static void same(String node, String of) {
        if (!node.equals(of)) {
            throw new IllegalArgumentException("a change for node '" + of + "' in a request for node '" + node + "'");
        }
    }

    static NodeInfo nodeInfo(String node, EntityInfo info) {
        NodeInfo.Type type = info.identities().stream().filter(i -> "pubsub".equals(i.category()))
            .map(DiscoIdentity::type).map(NodeInfo.Type::of).findFirst().orElse(NodeInfo.Type.UNKNOWN);
        DataForm metadata = info.forms().stream().map(x -> ExtensionCodec.decode(DataForm.CODEC, x))
            .filter(f -> f.formType().filter(NodeInfo.FORM_TYPE::equals).isPresent()).findFirst().orElse(null);
        return new NodeInfo(node, type, info.features(), metadata);
    }
}
