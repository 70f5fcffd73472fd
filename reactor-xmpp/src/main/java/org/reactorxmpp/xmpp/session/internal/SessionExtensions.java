package org.reactorxmpp.xmpp.session.internal;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.reactorxmpp.xmpp.feature.internal.CapsRegistry;
import org.reactorxmpp.xmpp.session.BuiltInResponder;
import org.reactorxmpp.xmpp.session.EntityCaps;

/** The extension model's pieces a session starts with, from the client's settings. */
final class SessionExtensions {

    private SessionExtensions() {
    }

    /**
     * @param settings the client's settings
     * @return a registry with the configured identity, the enabled responders' namespaces, the caps
     *     namespace and the configured {@code capabilityFeatures}
     */
    static CapsRegistry capabilities(SessionSettings settings) {
        Set<String> features = new LinkedHashSet<>();
        for (BuiltInResponder r : BuiltInResponder.values()) {
            if (settings.responders().contains(r)) {
                features.add(r.namespace());
            }
        }
        features.add(EntityCaps.NAMESPACE);
        features.addAll(settings.capabilityFeatures());
        return new CapsRegistry(settings.capsNode(), List.of(settings.identity()), features);
    }
}
