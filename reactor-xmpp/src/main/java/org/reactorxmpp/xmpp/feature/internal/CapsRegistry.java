package org.reactorxmpp.xmpp.feature.internal;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.session.Capabilities;
import org.reactorxmpp.xmpp.session.DiscoIdentity;
import org.reactorxmpp.xmpp.session.EntityCaps;
import org.reactorxmpp.xmpp.stanza.Presence;
import org.reactorxmpp.xmpp.stanza.Stanza;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The capabilities registry of one session. Not API: sessions create it, users see {@link Capabilities}.
 * Additions are counted; every change recomputes the state snapshot (identities, features, forms,
 * ver) under a lock, and a changed ver has the session re-send the latest broadcast available presence
 * (at most once per {@link #batch} however many changes it made). The session reads that presence with
 * {@link #latestBroadcast()} when the re-send takes its place among its outbound calls, so a re-send
 * never carries an older presence than one sent before it.
 *
 * <pre>{@code
 * CapsRegistry caps = new CapsRegistry(node, List.of(identity), List.of(EntityCaps.NAMESPACE));
 * caps.resender(this::resendLatest);   // queues caps.latestBroadcast(), read when the re-send takes its turn
 * Stanza out = caps.outbound(presence);          // adds <c/>, remembers a broadcast presence
 * Optional<XmlElement> answer = caps.info(node + "#" + caps.ver());
 * }</pre>
 */
public final class CapsRegistry implements Capabilities {

    private static final Logger log = LoggerFactory.getLogger(CapsRegistry.class);
    private static final XmlName CAPS = XmlName.of(EntityCaps.NAMESPACE, "c");
    private static final String DISCO_INFO = "http://jabber.org/protocol/disco#info";

    private final String node;
    private final Object lock = new Object();
    private final Map<DiscoIdentity, Integer> identities = new LinkedHashMap<>();
    private final Map<String, Integer> features = new LinkedHashMap<>();
    private final Map<XmlElement, Integer> forms = new LinkedHashMap<>();
    private final Set<DefaultVariant> variants = new CopyOnWriteArraySet<>();
    private final Sinks.Many<String> verChanges = Sinks.many().multicast().directBestEffort();
    private volatile State state;
    private final AtomicReference<@Nullable Presence> lastBroadcast = new AtomicReference<>();
    private volatile Supplier<Mono<Void>> resender = Mono::empty;
    /** The prefix of its log lines: the session's JID and sid once a session hosts it. */
    private volatile Object logId = "- sid=-";
    private int batching;
    private @Nullable String verBeforeBatch;

    /**
     * @param node the caps node
     * @param identities the base identities
     * @param features the base features
     */
    public CapsRegistry(String node, Collection<DiscoIdentity> identities, Collection<String> features) {
        this.node = Objects.requireNonNull(node, "node");
        identities.forEach(i -> this.identities.merge(i, 1, Integer::sum));
        features.forEach(f -> this.features.merge(f, 1, Integer::sum));
        this.state = compute();
    }

    /** The snapshot readers see. */
    private record State(List<DiscoIdentity> identities, Set<String> features, List<XmlElement> forms, String ver,
                         XmlElement element) {
    }

    private State compute() {
        List<DiscoIdentity> i = List.copyOf(identities.keySet());
        Set<String> f = Collections.unmodifiableSet(new LinkedHashSet<>(features.keySet()));
        List<XmlElement> x = List.copyOf(forms.keySet());
        String ver = EntityCaps.ver("sha-1", i, f, x);
        return new State(i, f, x, ver, EntityCaps.element(node, ver));
    }

    /** @param id the prefix of its log lines, {@code SessionLog.id(session)} of the session hosting it */
    public void logAs(Object id) {
        this.logId = Objects.requireNonNull(id, "id");
    }

    /**
     * @param resend re-sends the latest broadcast available presence through the session (which adds the
     *     current caps) after the ver changed: it reads {@link #latestBroadcast()} when the re-send is queued,
     *     not before, so a presence sent meanwhile is the one re-sent
     */
    public void resender(Supplier<Mono<Void>> resend) {
        this.resender = Objects.requireNonNull(resend, "resend");
    }

    /**
     * @return the latest broadcast available presence sent (as the caller built it, without {@code <c/>}),
     *     {@code null} before the first or after an unavailable one
     */
    public @Nullable Presence latestBroadcast() {
        return lastBroadcast.get();
    }

    /**
     * @return {@link #latestBroadcast()} with the current {@code <c/>} (for a re-send: not remembered again,
     *     so it cannot replace a newer one), {@code null} when there is none
     */
    public @Nullable Presence latestWithCaps() {
        Presence latest = lastBroadcast.get();
        return latest == null ? null : withCaps(latest);
    }

    /**
     * @return what a new connection announces itself with: {@link #latestBroadcast()} (the presence the user
     *     set survives a reconnect), or else plain available presence, then remembered; with the current caps
     */
    public Presence initialPresence() {
        lastBroadcast.compareAndSet(null, Presence.builder().build());
        Presence latest = lastBroadcast.get();
        return withCaps(latest != null ? latest : Presence.builder().build());
    }

    private Presence withCaps(Presence presence) {
        return presence.type() == Presence.Type.AVAILABLE && !presence.has(CAPS)
            ? presence.toBuilder().child(state.element()).build() : presence;
    }

    /**
     * Runs changes as one: presence is re-sent at most once, at the end, if the ver changed.
     *
     * @param changes the changes
     * @param <T> the result type
     * @return what {@code changes} returned
     */
    public <T> T batch(Supplier<T> changes) {
        synchronized (lock) {
            if (batching++ == 0) {
                verBeforeBatch = state.ver();
            }
        }
        try {
            return changes.get();
        } finally {
            String before;
            synchronized (lock) {
                before = --batching == 0 ? verBeforeBatch : null;
            }
            if (before != null) {
                announceIfChanged(before);
            }
        }
    }

    private void change(Runnable mutation) {
        String before;
        boolean announce;
        synchronized (lock) {
            before = state.ver();
            mutation.run();
            state = compute();
            announce = batching == 0;
        }
        if (announce) {
            announceIfChanged(before);
        }
    }

    private void announceIfChanged(String before) {
        String ver = state.ver();
        if (ver.equals(before)) {
            return;
        }
        log.debug("[{}] caps ver {} -> {}", logId, before, ver);
        verChanges.tryEmitNext(ver);
        if (lastBroadcast.get() != null) {
            resender.get().subscribe(null, e -> log.debug("[{}] re-sending presence with caps {} failed", logId, ver, e));
        }
    }

    /**
     * What the session does to each outbound stanza: available presence gets the current
     * {@code <c/>} when it has none; broadcast presence (no {@code to}) is remembered for a re-send
     * (available) or forgotten (unavailable).
     *
     * @param stanza an outbound stanza
     * @return the stanza to send
     */
    public Stanza outbound(Stanza stanza) {
        if (!(stanza instanceof Presence presence)) {
            return stanza;
        }
        if (presence.to() == null) {
            if (presence.type() == Presence.Type.AVAILABLE) {
                lastBroadcast.set(presence);
            } else if (presence.type() == Presence.Type.UNAVAILABLE) {
                lastBroadcast.set(null);
            }
        }
        return withCaps(presence);
    }

    /**
     * The disco#info answer for a node.
     *
     * @param queried the {@code node} attribute of the query, or {@code null}
     * @return the {@code <query/>} payload; empty for a node this session does not advertise now
     */
    public Optional<XmlElement> info(@Nullable String queried) {
        State s = state;
        if (queried == null) {
            return Optional.of(answer(null, s.identities(), s.features(), s.forms()));
        }
        if (queried.equals(node + "#" + s.ver())) {
            return Optional.of(answer(queried, s.identities(), s.features(), s.forms()));
        }
        for (DefaultVariant v : variants) {
            if (queried.equals(node + "#" + v.ver())) {
                return Optional.of(answer(queried, s.identities(), v.features(), s.forms()));
            }
        }
        return Optional.empty();
    }

    private static XmlElement answer(@Nullable String queried, List<DiscoIdentity> identities, Set<String> features,
                                     List<XmlElement> forms) {
        XmlElement.Builder answer = XmlElement.builder(DISCO_INFO, "query").attribute("node", queried);
        for (DiscoIdentity i : identities) {
            XmlElement.Builder identity = XmlElement.builder(DISCO_INFO, "identity")
                .attribute("category", i.category()).attribute("type", i.type())
                .attribute("name", i.name().orElse(null));
            i.lang().ifPresent(lang -> identity.attribute(XmlName.XML_LANG, lang));
            answer.child(identity.build());
        }
        for (String f : features) {
            answer.child(XmlElement.builder(DISCO_INFO, "feature").attribute("var", f).build());
        }
        forms.forEach(answer::child);
        return answer.build();
    }

    /** Ends {@link #verChanges()}; the session ended. */
    public void complete() {
        verChanges.tryEmitComplete();
    }

    @Override
    public String node() {
        return node;
    }

    @Override
    public List<DiscoIdentity> identities() {
        return state.identities();
    }

    @Override
    public Set<String> features() {
        return state.features();
    }

    @Override
    public List<XmlElement> forms() {
        return state.forms();
    }

    @Override
    public String ver() {
        return state.ver();
    }

    @Override
    public XmlElement element() {
        return state.element();
    }

    @Override
    public Disposable addFeature(String feature) {
        Objects.requireNonNull(feature, "feature");
        if (feature.isBlank()) {
            throw new IllegalArgumentException("a capability feature must not be blank");
        }
        return counted(features, feature);
    }

    @Override
    public Disposable addIdentity(DiscoIdentity identity) {
        return counted(identities, Objects.requireNonNull(identity, "identity"));
    }

    @Override
    public Disposable addForm(XmlElement form) {
        Objects.requireNonNull(form, "form");
        boolean typed = form.is("jabber:x:data", "x") && form.elements(XmlName.of("jabber:x:data", "field"))
            .anyMatch(f -> "FORM_TYPE".equals(f.attribute("var")));
        if (!typed) {
            throw new IllegalArgumentException("an extended disco form must be a jabber:x:data form with a FORM_TYPE");
        }
        return counted(forms, form);
    }

    private <K> Disposable counted(Map<K, Integer> map, K key) {
        change(() -> map.merge(key, 1, Integer::sum));
        AtomicBoolean disposed = new AtomicBoolean();
        return new Disposable() {
            @Override
            public void dispose() {
                if (disposed.compareAndSet(false, true)) {
                    change(() -> map.computeIfPresent(key, (k, n) -> n == 1 ? null : n - 1));
                }
            }

            @Override
            public boolean isDisposed() {
                return disposed.get();
            }
        };
    }

    @Override
    public Variant variant(Collection<String> extraFeatures) {
        DefaultVariant v = new DefaultVariant(List.copyOf(extraFeatures));
        variants.add(v);
        return v;
    }

    @Override
    public Flux<String> verChanges() {
        return verChanges.asFlux();
    }

    @Override
    public String toString() {
        return "Capabilities{" + node + "#" + state.ver() + ", " + state.features() + "}";
    }

    /** Base plus extra features; its ver is computed for the base state it was last asked with. */
    private final class DefaultVariant implements Variant {
        private final List<String> extra;
        private volatile @Nullable State base;
        private volatile Set<String> features = Set.of();
        private volatile String ver = "";
        private volatile boolean disposed;

        DefaultVariant(List<String> extra) {
            this.extra = extra;
        }

        private void refresh() {
            State s = state;
            if (s != base) {
                Set<String> all = new LinkedHashSet<>(s.features());
                all.addAll(extra);
                features = Collections.unmodifiableSet(all);
                ver = EntityCaps.ver("sha-1", s.identities(), all, s.forms());
                base = s;
            }
        }

        @Override
        public synchronized Set<String> features() {
            refresh();
            return features;
        }

        @Override
        public synchronized String ver() {
            refresh();
            return ver;
        }

        @Override
        public XmlElement element() {
            return EntityCaps.element(node, ver());
        }

        @Override
        public void dispose() {
            disposed = true;
            variants.remove(this);
        }

        @Override
        public boolean isDisposed() {
            return disposed;
        }

        @Override
        public String toString() {
            return "Capabilities.Variant{+" + extra + "}";
        }
    }
}
