package org.reactorxmpp.bosh.fleet.internal;

import java.util.function.Consumer;
import java.util.function.Function;

import org.reactivestreams.Publisher;
import org.reactorxmpp.bosh.BoshTransport;
import org.reactorxmpp.bosh.fleet.Fleet;
import org.reactorxmpp.xmpp.session.XmppClient;
import org.reactorxmpp.xmpp.session.XmppSession;

/** Makes the fleet {@link Fleet.Builder} describes. */
public final class Fleets {

    private Fleets() {
    }

    /**
     * @param settings the settings
     * @param transport the BOSH transport
     * @param template the client customiser
     * @param handler the per-session handler
     * @return the fleet
     */
    public static Fleet create(FleetSettings settings, BoshTransport transport, Consumer<XmppClient.Builder> template,
                               Function<XmppSession, ? extends Publisher<?>> handler) {
        return new DefaultFleet<>(settings, new XmppDriver(transport, template, handler));
    }
}
