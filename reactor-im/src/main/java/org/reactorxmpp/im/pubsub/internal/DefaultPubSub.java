package org.reactorxmpp.im.pubsub.internal;

import static org.reactorxmpp.im.pubsub.PubSub.NAMESPACE;
import static org.reactorxmpp.im.pubsub.PubSub.OWNER;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.im.forms.DataForm;
import org.reactorxmpp.im.pubsub.NodeConfiguration;
import org.reactorxmpp.im.pubsub.PubSub;
import org.reactorxmpp.im.pubsub.PubSubEvent;
import org.reactorxmpp.im.pubsub.PubSubException;
import org.reactorxmpp.im.pubsub.PubSubItem;
import org.reactorxmpp.im.pubsub.PubSubSubscription;
import org.reactorxmpp.im.pubsub.PublishOptions;
import org.reactorxmpp.im.pubsub.SubscriptionRequest;
import org.reactorxmpp.im.pubsub.NodeInfo;
import org.reactorxmpp.im.pubsub.PubSubAffiliation;
import org.reactorxmpp.xmpp.session.DiscoItem;
import org.reactorxmpp.xmpp.session.ServiceDiscovery;
import org.reactorxmpp.xmpp.extension.ExtensionCodec;
import org.reactorxmpp.xmpp.extension.ExtensionDecodeException;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.stanza.StanzaErrorException;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlName;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The client of one pubsub service (or of the own PEP service when {@code service} is null). */
final class DefaultPubSub implements PubSub {

    private static final String DISCO_ITEMS = "http://jabber.org/protocol/disco#items";

    private final XmppSession session;
    private final @Nullable Jid service;
    private final Flux<PubSubEvent> events;
    private final Flux<SubscriptionRequest> requests;

    DefaultPubSub(XmppSession session, @Nullable Jid service, Flux<PubSubEvent> events,
                  Flux<SubscriptionRequest> requests) {
        this.session = session;
        this.service = service;
        this.events = events;
        this.requests = requests;
    }

    @Override
    public @Nullable Jid service() {
        return service;
    }

    @Override
    public Mono<Void> createNode(String node) {
        return request("create", node, Iq.Type.SET, pubsub(NAMESPACE, op(NAMESPACE, "create", node))).then();
    }

    @Override
    public Mono<Void> createNode(String node, NodeConfiguration configuration) {
        return Mono.defer(() -> request("create", node, Iq.Type.SET, pubsub(NAMESPACE, op(NAMESPACE, "create", node),
            XmlElement.builder(NAMESPACE, "configure").child(form(configuration.submitForm())).build())).then());
    }

    @Override
    public Mono<Void> deleteNode(String node) {
        return request("delete", node, Iq.Type.SET, pubsub(OWNER, op(OWNER, "delete", node))).then();
    }

    @Override
    public Mono<Void> deleteNode(String node, String redirectUri) {
        XmlElement delete = XmlElement.builder(OWNER, "delete").attribute("node", node)
            .child(XmlElement.builder(OWNER, "redirect").attribute("uri", Objects.requireNonNull(redirectUri)).build()).build();
        return request("delete", node, Iq.Type.SET, pubsub(OWNER, delete)).then();
    }

    @Override
    public Flux<String> nodes() {
        return request("nodes", null, Iq.Type.GET, XmlElement.empty(DISCO_ITEMS, "query"))
            .flatMapIterable(reply -> reply.payload().map(q -> q.elements().filter(e -> e.is(DISCO_ITEMS, "item"))
                .map(e -> e.attribute("node")).filter(Objects::nonNull).toList()).orElse(List.of()));
    }

    @Override
    public Mono<Void> purge(String node) {
        return request("purge", node, Iq.Type.SET, pubsub(OWNER, op(OWNER, "purge", node))).then();
    }

    @Override
    public Mono<NodeConfiguration> configuration(String node) {
        return request("configuration", node, Iq.Type.GET, pubsub(OWNER, op(OWNER, "configure", node)))
            .map(reply -> formIn(reply, "configure", "configuration", node));
    }

    @Override
    public Mono<Void> configure(String node, NodeConfiguration configuration) {
        return Mono.defer(() -> request("configure", node, Iq.Type.SET, pubsub(OWNER,
            XmlElement.builder(OWNER, "configure").attribute("node", node).child(form(configuration.submitForm())).build()))
            .then());
    }

    @Override
    public Mono<NodeConfiguration> defaultConfiguration() {
        return request("default configuration", null, Iq.Type.GET, pubsub(OWNER, XmlElement.empty(OWNER, "default")))
            .map(reply -> formIn(reply, "default", "default configuration", null));
    }

    @Override
    public Mono<String> publish(String node, PubSubItem item) {
        return publish(node, item, PublishOptions.empty());
    }

    @Override
    public Mono<String> publish(String node, PubSubItem item, PublishOptions options) {
        return Mono.defer(() -> {
            XmlElement.Builder entry = XmlElement.builder(NAMESPACE, "item").attribute("id", item.id());
            if (item.payload() != null) {
                entry.child(item.payload());
            }
            XmlElement.Builder pubsub = XmlElement.builder(NAMESPACE, "pubsub")
                .child(XmlElement.builder(NAMESPACE, "publish").attribute("node", node).child(entry.build()).build());
            if (!options.isEmpty()) {
                pubsub.child(XmlElement.builder(NAMESPACE, "publish-options").child(form(options.form())).build());
            }
            return request("publish", node, Iq.Type.SET, pubsub.build()).flatMap(reply -> Mono.justOrEmpty(
                reply.payload().map(p -> p.element(NAMESPACE, "publish")).map(p -> p.element(NAMESPACE, "item"))
                    .map(i -> i.attribute("id")).orElse(item.id())));
        });
    }

    @Override
    public Mono<Void> retract(String node, String id, boolean notify) {
        XmlElement retract = XmlElement.builder(NAMESPACE, "retract").attribute("node", node)
            .attribute("notify", notify ? "true" : null)
            .child(XmlElement.builder(NAMESPACE, "item").attribute("id", id).build()).build();
        return request("retract", node, Iq.Type.SET, pubsub(NAMESPACE, retract)).then();
    }

    @Override
    public Flux<PubSubItem> items(String node, int pageSize) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("page size must be positive: " + pageSize);
        }
        return ItemPages.all(node, pageSize, (after) -> request("items", node, Iq.Type.GET,
            ItemPages.request(node, pageSize, after)));
    }

    @Override
    public Flux<PubSubItem> items(String node, Collection<String> ids) {
        XmlElement.Builder items = XmlElement.builder(NAMESPACE, "items").attribute("node", node);
        ids.forEach(id -> items.child(XmlElement.builder(NAMESPACE, "item").attribute("id", Objects.requireNonNull(id)).build()));
        return request("items", node, Iq.Type.GET, pubsub(NAMESPACE, items.build()))
            .flatMapIterable(ItemPages::items);
    }

    @Override
    public Flux<PubSubItem> lastItems(String node, int max) {
        XmlElement items = XmlElement.builder(NAMESPACE, "items").attribute("node", node).attribute("max_items", max).build();
        return request("items", node, Iq.Type.GET, pubsub(NAMESPACE, items)).flatMapIterable(ItemPages::items);
    }

    @Override
    public Mono<PubSubSubscription> subscribe(String node) {
        return Mono.defer(() -> {
            Jid me = session.jid().asBare();
            XmlElement subscribe = XmlElement.builder(NAMESPACE, "subscribe").attribute("node", node)
                .attribute("jid", me).build();
            return request("subscribe", node, Iq.Type.SET, pubsub(NAMESPACE, subscribe)).map(reply -> reply.payload()
                .map(p -> p.element(NAMESPACE, "subscription")).map(s -> subscription(s, node))
                .orElseGet(() -> new PubSubSubscription(node, me, null, PubSubSubscription.State.SUBSCRIBED)));
        });
    }

    @Override
    public Mono<Void> unsubscribe(String node, @Nullable String subid) {
        return Mono.defer(() -> request("unsubscribe", node, Iq.Type.SET, pubsub(NAMESPACE,
            XmlElement.builder(NAMESPACE, "unsubscribe").attribute("node", node)
                .attribute("jid", session.jid().asBare()).attribute("subid", subid).build())).then());
    }

    @Override
    public Flux<PubSubSubscription> subscriptions() {
        return request("subscriptions", null, Iq.Type.GET, pubsub(NAMESPACE, XmlElement.empty(NAMESPACE, "subscriptions")))
            .flatMapIterable(reply -> reply.payload().map(p -> p.element(NAMESPACE, "subscriptions"))
                .map(s -> s.elements().filter(e -> e.is(NAMESPACE, "subscription")).map(e -> subscription(e, null)).toList())
                .orElse(List.of()));
    }

    @Override
    public Mono<DataForm> subscriptionOptions(String node, @Nullable String subid) {
        return Mono.defer(() -> request("subscription options", node, Iq.Type.GET, pubsub(NAMESPACE, options(node, subid)
            .build())).map(reply -> reply.payload().map(p -> p.element(NAMESPACE, "options"))
            .map(o -> o.element(DataForm.NAMESPACE, "x")).map(x -> ExtensionCodec.decode(DataForm.CODEC, x))
            .orElseThrow(() -> new ExtensionDecodeException(XmlName.of(NAMESPACE, "options"),
                "the subscription options reply for node '" + node + "' has no form"))));
    }

    @Override
    public Mono<Void> submitSubscriptionOptions(String node, @Nullable String subid, DataForm options) {
        return Mono.defer(() -> request("subscription options", node, Iq.Type.SET, pubsub(NAMESPACE, options(node, subid)
            .child(form(options.type() == DataForm.Type.FORM ? options.submit() : options)).build())).then());
    }

    private XmlElement.Builder options(String node, @Nullable String subid) {
        return XmlElement.builder(NAMESPACE, "options").attribute("node", Objects.requireNonNull(node, "node"))
            .attribute("jid", session.jid().asBare()).attribute("subid", subid);
    }

    @Override
    public Mono<NodeInfo> nodeInfo(String node) {
        return Mono.defer(() -> new ServiceDiscovery(session).info(target(), Objects.requireNonNull(node, "node")))
            .onErrorMap(StanzaErrorException.class, e -> PubSubException.of("node info", node, e))
            .map(info -> OwnerCodec.nodeInfo(node, info));
    }

    @Override
    public Flux<DiscoItem> nodeItems(String node) {
        return Mono.defer(() -> new ServiceDiscovery(session).items(target(), Objects.requireNonNull(node, "node")))
            .onErrorMap(StanzaErrorException.class, e -> PubSubException.of("node items", node, e))
            .flatMapIterable(items -> items);
    }

    private Jid target() {
        return service != null ? service : session.jid().asBare();
    }

    @Override
    public Flux<PubSubAffiliation> affiliations(String node) {
        return request("affiliations", node, Iq.Type.GET, pubsub(OWNER, op(OWNER, "affiliations", node)))
            .flatMapIterable(reply -> OwnerCodec.affiliations(reply, OWNER, node, session.jid().asBare()));
    }

    @Override
    public Mono<Void> setAffiliations(String node, Collection<PubSubAffiliation> changes) {
        return Mono.defer(() -> request("set affiliations", node, Iq.Type.SET,
            pubsub(OWNER, OwnerCodec.affiliations(node, changes))).then());
    }

    @Override
    public Flux<PubSubAffiliation> myAffiliations() {
        return request("affiliations", null, Iq.Type.GET, pubsub(NAMESPACE, XmlElement.empty(NAMESPACE, "affiliations")))
            .flatMapIterable(reply -> OwnerCodec.affiliations(reply, NAMESPACE, null, session.jid().asBare()));
    }

    @Override
    public Flux<PubSubSubscription> subscriptions(String node) {
        return request("subscriptions", node, Iq.Type.GET, pubsub(OWNER, op(OWNER, "subscriptions", node)))
            .flatMapIterable(reply -> reply.payload().map(p -> p.element(OWNER, "subscriptions"))
                .map(s -> s.elements().filter(e -> e.is(OWNER, "subscription")).map(e -> subscription(e, node)).toList())
                .orElse(List.of()));
    }

    @Override
    public Mono<Void> setSubscriptions(String node, Collection<PubSubSubscription> changes) {
        return Mono.defer(() -> request("set subscriptions", node, Iq.Type.SET,
            pubsub(OWNER, OwnerCodec.subscriptions(node, changes))).then());
    }

    @Override
    public Flux<SubscriptionRequest> subscriptionRequests() {
        return requests;
    }

    @Override
    public Mono<Void> answer(SubscriptionRequest request, boolean allow) {
        return Mono.defer(() -> session.send(AuthorizationCodec.answer(request, allow)));
    }

    @Override
    public Flux<PubSubEvent> events() {
        return events;
    }

    private static PubSubSubscription subscription(XmlElement s, @Nullable String node) {
        String n = s.attribute("node") != null ? s.attribute("node") : node;
        return new PubSubSubscription(n == null ? "" : n, Jid.parse(Objects.requireNonNull(s.attribute("jid"),
            "a subscription without jid")), s.attribute("subid"), PubSubSubscription.State.of(s.attribute("subscription")));
    }

    private static XmlElement pubsub(String namespace, XmlElement... children) {
        XmlElement.Builder b = XmlElement.builder(namespace, "pubsub");
        for (XmlElement c : children) {
            b.child(c);
        }
        return b.build();
    }

    private static XmlElement op(String namespace, String name, String node) {
        return XmlElement.builder(namespace, name).attribute("node", Objects.requireNonNull(node, "node")).build();
    }

    private static XmlElement form(DataForm form) {
        return DataForm.CODEC.encode(form);
    }

    private static NodeConfiguration formIn(Iq reply, String element, String operation, @Nullable String node) {
        XmlElement x = reply.payload().map(p -> p.element(OWNER, element)).map(c -> c.element(DataForm.NAMESPACE, "x"))
            .orElseThrow(() -> new ExtensionDecodeException(XmlName.of(OWNER, element),
                "the " + operation + " reply" + (node == null ? "" : " for node '" + node + "'") + " has no form"));
        return NodeConfiguration.of(ExtensionCodec.decode(DataForm.CODEC, x));
    }

    private Mono<Iq> request(String operation, @Nullable String node, Iq.Type type, XmlElement payload) {
        return Mono.defer(() -> session.request(Iq.builder(type).to(service).payload(payload).build()))
            .onErrorMap(StanzaErrorException.class, e -> PubSubException.of(operation, node, e));
    }
}
