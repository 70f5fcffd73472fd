package org.reactorxmpp.im.presence.internal;

import java.util.Map;

import org.reactorxmpp.im.internal.HotStream;
import org.reactorxmpp.im.presence.ContactPresence;
import org.reactorxmpp.im.presence.PresenceChange;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.stanza.Presence;
import reactor.core.publisher.Flux;

/**
 * Tracked presence with its change stream: the per-resource table and the hot changes, applied
 * under one lock. What the presence service and quick contacts both keep. Not API.
 *
 * <pre>{@code
 * PresenceBook book = new PresenceBook("presence changes");
 * book.changes().subscribe(c -> log.info("{}", c.contact().primary()));
 * book.apply(presence);
 * }</pre>
 */
public final class PresenceBook {

    /** Changes buffered per subscriber. */
    public static final int BUFFER = 1024;

    private final PresenceTracker tracker = new PresenceTracker();
    private final HotStream<PresenceChange> changes;

    /** @param feature the name of the change stream, in its overflow error */
    public PresenceBook(String feature) {
        this.changes = HotStream.live(feature, BUFFER);
    }

    /**
     * Applies an available, unavailable or error presence (others are ignored) and emits the change.
     *
     * @param presence a presence with a {@code from}
     */
    public void apply(Presence presence) {
        synchronized (tracker) {
            tracker.apply(presence).ifPresent(changes::emit);
        }
    }

    /** @param jid a contact @return its presence (offline when nothing was received) */
    public ContactPresence contact(BareJid jid) {
        synchronized (tracker) {
            return tracker.contact(jid);
        }
    }

    /** @return every contact with at least one available resource */
    public Map<BareJid, ContactPresence> available() {
        synchronized (tracker) {
            return Map.copyOf(tracker.available());
        }
    }

    /** @return the changes from now on (hot; each subscriber buffers up to 1024, then gets a FeatureOverflowException) */
    public Flux<PresenceChange> changes() {
        return changes.flux();
    }

    /**
     * Forgets every available contact, emitting an unavailable change for each: a new XMPP session (a reconnect
     * that did not resume) starts from nothing, and the server sends the contacts' current presence again.
     */
    public void reset() {
        synchronized (tracker) {
            for (BareJid jid : tracker.clear()) {
                Presence gone = Presence.builder().from(jid).type(Presence.Type.UNAVAILABLE).build();
                changes.emit(new PresenceChange(jid, gone, ContactPresence.offline(jid)));
            }
        }
    }

    /** Completes {@link #changes()}: the session ended. */
    public void complete() {
        synchronized (tracker) {
            changes.complete();
        }
    }
}
