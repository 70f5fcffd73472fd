package org.reactorxmpp.im.presence.internal;

import org.reactorxmpp.im.presence.PresenceService;
import org.reactorxmpp.xmpp.feature.FeatureContext;

/** Installs the presence service; not API: use {@link PresenceService#of}. */
public final class PresenceInstaller {

    private PresenceInstaller() {
    }

    /**
     * @param ctx the feature context of {@link PresenceService#KEY}
     * @return the session's presence service
     */
    public static PresenceService install(FeatureContext ctx) {
        return DefaultPresenceService.install(ctx);
    }
}
