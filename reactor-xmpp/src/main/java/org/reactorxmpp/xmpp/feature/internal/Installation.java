package org.reactorxmpp.xmpp.feature.internal;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.reactivestreams.Publisher;
import org.reactorxmpp.xmpp.session.SessionLog;
import org.reactorxmpp.xmpp.extension.ExtensionCodec;
import org.reactorxmpp.xmpp.feature.Feature;
import org.reactorxmpp.xmpp.feature.FeatureContext;
import org.reactorxmpp.xmpp.session.Capabilities;
import org.reactorxmpp.xmpp.session.DiscoIdentity;
import org.reactorxmpp.xmpp.session.IqHandler;
import org.reactorxmpp.xmpp.session.XmppSession;
import org.reactorxmpp.xmpp.stanza.Iq;
import org.reactorxmpp.xmpp.stanza.Stanza;
import org.reactorxmpp.xmpp.xml.XmlName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;

/** One feature's context: everything it registered, disposed last-registered first. */
final class Installation implements FeatureContext {

    private static final Logger log = LoggerFactory.getLogger(Installation.class);

    private final FeatureHost host;
    private final Feature<?> feature;
    private final Deque<Disposable> owned = new ArrayDeque<>();
    private boolean disposed;

    Installation(FeatureHost host, Feature<?> feature) {
        this.host = host;
        this.feature = feature;
    }

    Feature<?> feature() {
        return feature;
    }

    private void own(Disposable d) {
        boolean now;
        synchronized (this) {
            now = disposed;
            if (!now) {
                owned.push(d);
            }
        }
        if (now) {
            d.dispose();
            throw new IllegalStateException("feature " + feature.key().name() + " was removed from " + host.session());
        }
    }

    @Override
    public XmppSession session() {
        return host.session();
    }

    @Override
    public <D> D feature(Feature<D> dependency) {
        return host.feature(dependency);
    }

    @Override
    public void handle(Iq.Type type, XmlName payload, IqHandler handler) {
        own(host.iqRoutes().add(type, payload, handler));
    }

    @Override
    public <S extends Stanza> void route(Class<S> type, Predicate<? super S> filter, Consumer<? super S> receiver) {
        own(host.stanzaRoutes().add(type, filter, receiver));
    }

    @Override
    public void codec(ExtensionCodec<?> codec) {
        own(host.addCodec(codec));
    }

    @Override
    public void capability(String capability) {
        own(host.capabilities().addFeature(capability));
    }

    @Override
    public void identity(DiscoIdentity identity) {
        own(host.capabilities().addIdentity(identity));
    }

    @Override
    public Capabilities.Variant variant(Collection<String> extraFeatures) {
        Capabilities.Variant v = host.capabilities().variant(extraFeatures);
        own(v);
        return v;
    }

    @Override
    public void onReconnect(Supplier<? extends Publisher<?>> hook) {
        own(host.reconnectHooks().add(hook));
    }

    @Override
    public void onDispose(Disposable teardown) {
        own(teardown);
    }

    /** Disposes everything registered, newest first; a failing teardown does not stop the others. */
    void dispose() {
        Deque<Disposable> all;
        synchronized (this) {
            if (disposed) {
                return;
            }
            disposed = true;
            all = new ArrayDeque<>(owned);
            owned.clear();
        }
        for (Disposable d : all) {
            try {
                d.dispose();
            } catch (RuntimeException e) {
                log.warn("[{}] a teardown of feature {} failed", SessionLog.id(host.session()), feature.key().name(), e);
            }
        }
    }
}
