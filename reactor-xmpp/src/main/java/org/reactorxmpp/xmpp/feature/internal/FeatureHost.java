package org.reactorxmpp.xmpp.feature.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.reactorxmpp.xmpp.session.SessionLog;
import org.reactorxmpp.xmpp.extension.ExtensionCodec;
import org.reactorxmpp.xmpp.extension.ExtensionRegistry;
import org.reactorxmpp.xmpp.feature.Feature;
import org.reactorxmpp.xmpp.feature.FeatureKey;
import org.reactorxmpp.xmpp.session.XmppSession;
import reactor.core.Disposable;

/**
 * The features of one session: installs each on first use, returns the same instance afterwards,
 * and removes them all (newest first) when the session ends. Holds the session's capabilities
 * registry and codecs. Not API: sessions delegate {@code feature}, {@code capabilities} and
 * {@code codecs} to it; test doubles of a session may too.
 *
 * <pre>{@code
 * FeatureHost host = new FeatureHost(session, new CapsRegistry(node, identities, features));
 * Roster roster = host.feature(Roster.KEY);   // same instance on each call
 * }</pre>
 */
public final class FeatureHost {

    private record Installed(Installation installation, Object service) {
    }

    private final XmppSession session;
    private final CapsRegistry capabilities;
    private final IqRoutes iqRoutes;
    private final StanzaRoutes stanzaRoutes;
    private final ReconnectHooks reconnectHooks;
    private final Map<FeatureKey<?>, Installed> installed = new HashMap<>();
    private final List<Installation> order = new ArrayList<>();
    private final Set<FeatureKey<?>> installing = new HashSet<>();
    private volatile ExtensionRegistry codecs = ExtensionRegistry.empty();
    private boolean ended;

    /**
     * Follows the session's end from now on: create it once the session's {@code onClose()} works
     * (the session's own constructor may create it, after its close signal exists).
     *
     * @param session the session the features are installed on (the one the user holds)
     * @param capabilities its capabilities registry
     */
    public FeatureHost(XmppSession session, CapsRegistry capabilities) {
        this.session = Objects.requireNonNull(session, "session");
        this.capabilities = Objects.requireNonNull(capabilities, "capabilities");
        capabilities.logAs(SessionLog.id(session));
        this.iqRoutes = new IqRoutes(session);
        this.stanzaRoutes = new StanzaRoutes(session);
        this.reconnectHooks = new ReconnectHooks(session);
        session.onClose().subscribe(null, e -> end(), this::end);
    }

    XmppSession session() {
        return session;
    }

    IqRoutes iqRoutes() {
        return iqRoutes;
    }

    StanzaRoutes stanzaRoutes() {
        return stanzaRoutes;
    }

    ReconnectHooks reconnectHooks() {
        return reconnectHooks;
    }

    /** @return the session's capabilities registry */
    public CapsRegistry capabilities() {
        return capabilities;
    }

    /** @return the codecs of the installed features */
    public ExtensionRegistry codecs() {
        return codecs;
    }

    /**
     * @param feature the feature, or its key
     * @param <F> the service type
     * @return the session's service for the feature's key, installed now if it was not
     * @throws IllegalStateException when the key is installed from a different (non-equal) feature,
     *     on a dependency cycle, or when the session ended
     */
    @SuppressWarnings("unchecked")
    public synchronized <F> F feature(Feature<F> requested) {
        Objects.requireNonNull(requested, "feature");
        FeatureKey<F> key = Objects.requireNonNull(requested.key(), "feature.key()");
        Feature<F> feature = requested == key ? key.defaults() : requested;
        if (ended) {
            throw new IllegalStateException(session + " ended: feature " + key.name() + " cannot be installed");
        }
        Installed existing = installed.get(key);
        if (existing != null) {
            Feature<?> first = existing.installation().feature();
            if (requested != key && !feature.equals(first)) {
                throw new IllegalStateException(session + " already has feature " + key.name() + " installed as "
                    + first + ", not " + feature + ": obtain it with its key, or install it once with these settings");
            }
            return (F) existing.service();
        }
        if (!installing.add(key)) {
            throw new IllegalStateException("feature " + key.name() + " depends on itself (installing " + installing + ")");
        }
        Installation installation = new Installation(this, feature);
        try {
            F service = capabilities.batch(() -> feature.install(installation));
            Objects.requireNonNull(service, () -> "feature " + key.name() + " installed nothing");
            installed.put(key, new Installed(installation, service));
            order.add(installation);
            return service;
        } catch (RuntimeException | Error e) {
            installation.dispose();
            throw e;
        } finally {
            installing.remove(key);
        }
    }

    synchronized Disposable addCodec(ExtensionCodec<?> codec) {
        codecs = codecs.toBuilder().register(codec).build();
        return () -> {
            synchronized (this) {
                ExtensionRegistry.Builder b = ExtensionRegistry.builder();
                codecs.codecs().stream().filter(c -> c != codec).forEach(b::register);
                codecs = b.build();
            }
        };
    }

    /** Removes every feature, newest first (dependents before what they depend on). */
    private void end() {
        List<Installation> all;
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
            all = new ArrayList<>(order);
            order.clear();
            installed.clear();
        }
        for (int i = all.size() - 1; i >= 0; i--) {
            all.get(i).dispose();
        }
        stanzaRoutes.dispose();
        reconnectHooks.dispose();
        capabilities.complete();
    }

    @Override
    public synchronized String toString() {
        return "Features" + installed.keySet();
    }
}
