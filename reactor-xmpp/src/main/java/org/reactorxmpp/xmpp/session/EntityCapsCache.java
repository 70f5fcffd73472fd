package org.reactorxmpp.xmpp.session;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.stanza.Presence;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * What other entities can do, learnt from the entity capabilities (XEP-0115) in their presence and
 * cached by {@code (hash, ver)}: one per session, no static state.
 *
 * <p>It follows the session's inbound presence: available presence with
 * {@code <c xmlns='http://jabber.org/protocol/caps' hash node ver/>} records what that full JID
 * advertises, unavailable presence forgets it. {@link #info(Jid)} then answers from the cache, or on
 * a miss sends {@code disco#info} to the entity for node {@code node#ver}, recomputes the
 * verification string from the answer with the advertised hash and caches the answer only when it
 * matches. A mismatch (or duplicate identities/features/forms, or an unsupported hash) is
 * <b>rejected with a {@link CapsVerificationException}</b> and logged; nothing is cached, so a
 * later lookup asks again. Concurrent misses for the same {@code (hash, ver)} share one request.
 * Both the cache and the table of entities are bounded (least recently used entries go first).
 *
 * <pre>{@code
 * EntityCapsCache caps = EntityCapsCache.create(session);
 * caps.features(Jid.parse("romeo@example.net/orchard"))
 *     .filter(features -> features.contains("http://jabber.org/protocol/muc"))
 *     .subscribe(features -> inviteToRoom());
 * // when the session is done
 * caps.dispose();
 * }</pre>
 */
public final class EntityCapsCache implements Disposable {

    private static final Logger log = LoggerFactory.getLogger(EntityCapsCache.class);
    private static final XmlName CAPS = XmlName.of(EntityCaps.NAMESPACE, "c");

    /** The default number of cached {@code (hash, ver)} answers. */
    public static final int DEFAULT_MAX_ENTRIES = 1024;

    private final XmppSession session;
    private final ServiceDiscovery disco;
    private final Map<Key, EntityInfo> verified;
    private final Map<Jid, Advertised> entities;
    private final Map<Key, Mono<EntityInfo>> inFlight = new ConcurrentHashMap<>();
    private final Disposable presences;

    private EntityCapsCache(XmppSession session, int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be >= 1, was " + maxEntries);
        }
        this.session = Objects.requireNonNull(session, "session");
        this.disco = new ServiceDiscovery(session);
        this.verified = lru(maxEntries);
        this.entities = lru(maxEntries * 4);
        this.presences = session.presences().subscribe(this::observe, error -> { });
    }

    /**
     * @param session the session whose inbound presence it follows and whose requests it sends
     * @return a cache of up to {@value #DEFAULT_MAX_ENTRIES} verified answers
     */
    public static EntityCapsCache create(XmppSession session) {
        return new EntityCapsCache(session, DEFAULT_MAX_ENTRIES);
    }

    /**
     * @param session the session whose inbound presence it follows and whose requests it sends
     * @param maxEntries how many verified answers to keep
     * @return the cache
     */
    public static EntityCapsCache create(XmppSession session, int maxEntries) {
        return new EntityCapsCache(session, maxEntries);
    }

    /**
     * What an entity can do, from the caps of its last available presence.
     *
     * @param entity a full JID that sent presence with caps
     * @return the verified answer (from the cache, or asked and verified now); empty when no caps
     *     are known for the entity; a {@link CapsVerificationException} when the answer does not
     *     match the advertised hash; the request's error otherwise
     */
    public Mono<EntityInfo> info(Jid entity) {
        Objects.requireNonNull(entity, "entity");
        return Mono.defer(() -> {
            Advertised a = advertised(entity).orElse(null);
            return a == null ? Mono.empty() : info(entity, a.hash, a.node, a.ver);
        });
    }

    /**
     * @param entity a full JID that sent presence with caps
     * @return its features; empty when no caps are known for it (see {@link #info(Jid)})
     */
    public Mono<Set<String>> features(Jid entity) {
        return info(entity).map(EntityInfo::features);
    }

    /**
     * What an entity with the given caps can do, for callers that read the caps themselves.
     *
     * @param entity whom to ask on a miss
     * @param hash the {@code hash} attribute, for example {@code sha-1}
     * @param node the {@code node} attribute
     * @param ver the {@code ver} attribute
     * @return the verified answer, or a {@link CapsVerificationException}
     */
    public Mono<EntityInfo> info(Jid entity, String hash, String node, String ver) {
        Objects.requireNonNull(entity, "entity");
        Key key = new Key(hash, ver);
        return Mono.defer(() -> {
            EntityInfo hit = cached(key);
            if (hit != null) {
                return Mono.just(hit);
            }
            if (!EntityCaps.supportsHash(hash)) {
                return Mono.error(new CapsVerificationException(entity, ver, "unsupported hash '" + hash + "'"));
            }
            return inFlight.computeIfAbsent(key, k -> disco.infoQuery(entity, node + "#" + ver)
                .map(query -> verify(entity, key, query))
                .doFinally(signal -> inFlight.remove(key))
                .cache());
        });
    }

    private EntityInfo verify(Jid entity, Key key, XmlElement query) {
        if (EntityInfo.hasDuplicates(query)) {
            throw rejected(entity, key, "the disco#info answer has duplicate identities, features or forms");
        }
        EntityInfo info = EntityInfo.fromQuery(query);
        String computed = EntityCaps.ver(key.hash, info.identities(), info.features(), info.forms());
        if (!computed.equals(key.ver)) {
            throw rejected(entity, key, "the disco#info answer hashes to '" + computed + "'");
        }
        synchronized (verified) {
            verified.put(key, info);
        }
        return info;
    }

    private static CapsVerificationException rejected(Jid entity, Key key, String problem) {
        CapsVerificationException e = new CapsVerificationException(entity, key.ver, problem);
        log.warn("{}", e.getMessage());
        return e;
    }

    private @Nullable EntityInfo cached(Key key) {
        synchronized (verified) {
            return verified.get(key);
        }
    }

    /** @return how many verified answers are cached */
    public int size() {
        synchronized (verified) {
            return verified.size();
        }
    }

    /**
     * @param entity a full JID
     * @return the caps {@code ver} its last available presence advertised, if any
     */
    public Optional<String> advertisedVer(Jid entity) {
        return advertised(entity).map(a -> a.ver);
    }

    private Optional<Advertised> advertised(Jid entity) {
        synchronized (entities) {
            return Optional.ofNullable(entities.get(entity));
        }
    }

    private void observe(Presence presence) {
        Jid from = presence.from();
        if (from == null) {
            return;
        }
        if (presence.type() == Presence.Type.UNAVAILABLE) {
            synchronized (entities) {
                entities.remove(from);
            }
            return;
        }
        if (presence.type() != Presence.Type.AVAILABLE) {
            return;
        }
        XmlElement c = presence.element().element(CAPS);
        if (c == null) {
            return;
        }
        String hash = c.attribute("hash");
        String node = c.attribute("node");
        String ver = c.attribute("ver");
        if (hash == null || node == null || ver == null) {
            // legacy caps (no hash attribute) cannot be verified: not used
            return;
        }
        synchronized (entities) {
            entities.put(from, new Advertised(hash, node, ver));
        }
    }

    /** Stops following the session's presence. */
    @Override
    public void dispose() {
        presences.dispose();
    }

    @Override
    public boolean isDisposed() {
        return presences.isDisposed();
    }

    @Override
    public String toString() {
        return "EntityCapsCache{" + session.jid() + ", " + size() + " verified}";
    }

    private static <K, V> Map<K, V> lru(int max) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > max;
            }
        };
    }

    private static final class Key {
        final String hash;
        final String ver;

        Key(String hash, String ver) {
            this.hash = Objects.requireNonNull(hash, "hash");
            this.ver = Objects.requireNonNull(ver, "ver");
        }

        @Override
        public boolean equals(@Nullable Object o) {
            return o instanceof Key && ((Key) o).hash.equals(hash) && ((Key) o).ver.equals(ver);
        }

        @Override
        public int hashCode() {
            return hash.hashCode() * 31 + ver.hashCode();
        }
    }

    private static final class Advertised {
        final String hash;
        final String node;
        final String ver;

        Advertised(String hash, String node, String ver) {
            this.hash = hash;
            this.node = node;
            this.ver = ver;
        }
    }
}
