package org.reactorxmpp.bosh.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.xml.XmlElement;

/**
 * The bodies of the requests after creation, with the attributes every one carries: the response acknowledgement
 * (XEP-0124 section 9.3) and the next key of the key sequence (section 15). A key is spent per body built, so
 * bodies are built once per new rid, in rid order (a resend reuses the bytes). Confined to the task loop.
 */
final class RequestBodies {

    private final SessionCore s;
    /** XEP-0124 section 15 keys, or {@code null} when the session does not use them. */
    private @Nullable BoshKeys keys;

    RequestBodies(SessionCore s) {
        this.s = s;
    }

    /** @return the session creation body, announcing the first key when key sequences are on */
    byte[] creation(long rid) {
        XmlElement create = BoshBodies.creation(s.settings, s.open, rid);
        if (s.settings.keySequences()) {
            BoshKeys k = BoshKeys.create(s.settings.keySequenceLength());
            keys = k;
            create = create.toBuilder().attribute("newkey", k.newkey()).build();
        }
        return BoshBodies.encode(create, List.of());
    }

    /**
     * Goes on with the keys of an attached session.
     *
     * @throws IllegalArgumentException when they are not a SHA-1 chain
     */
    void resumeKeys(List<String> remaining) {
        if (!remaining.isEmpty()) {
            keys = BoshKeys.resume(remaining, s.settings.keySequenceLength());
        }
    }

    /** @return the keys not revealed yet, for a detach (empty without keys) */
    List<String> remainingKeys() {
        BoshKeys k = keys;
        return k != null ? k.remaining() : List.of();
    }

    /** @return a request carrying {@code payloads} (none: an empty request) */
    byte[] request(SessionParameters p, long rid, List<byte[]> payloads) {
        return BoshBodies.encode(requestStart(p, rid).build(), payloads);
    }

    byte[] restart(SessionParameters p, long rid) {
        return BoshBodies.encode(withKey(BoshBodies.restart(p.sid(), rid, s.open).toBuilder()
            .attribute("ack", ackValue())).build(), List.of());
    }

    byte[] pause(SessionParameters p, long rid, byte[] seconds) {
        return BoshBodies.encode(requestStart(p, rid)
            .attribute("pause", new String(seconds, StandardCharsets.US_ASCII)).build(), List.of());
    }

    byte[] terminate(SessionParameters p, long rid, byte @Nullable [] payload) {
        return BoshBodies.encode(requestStart(p, rid).attribute("type", "terminate").build(),
            payload == null ? List.of() : List.of(payload));
    }

    /** @return the terminate sent after a protocol violation: no acknowledgement (nobody reads its answer) */
    byte[] violationTerminate(SessionParameters p, long rid) {
        return BoshBodies.encode(withKey(BoshBodies.request(p.sid(), rid).attribute("type", "terminate")).build(),
            List.of());
    }

    /** A request body start with the response acknowledgement when one is due and the next key. */
    private XmlElement.Builder requestStart(SessionParameters p, long rid) {
        return withKey(BoshBodies.request(p.sid(), rid).attribute("ack", ackValue()));
    }

    /** Adds the next key (and a new sequence's first key when this one runs out), XEP-0124 section 15. */
    private XmlElement.Builder withKey(XmlElement.Builder body) {
        BoshKeys k = keys;
        if (k == null) {
            return body;
        }
        BoshKeys.Attributes a = k.next();
        return body.attribute("key", a.key()).attribute("newkey", a.newkey());
    }

    /**
     * @return the highest rid whose response and all earlier ones were received, when acknowledgements
     *     are on and some earlier response is still missing; otherwise {@code null} (no attribute)
     */
    private @Nullable Long ackValue() {
        if (!s.settings.acks() || s.requests.isEmpty()) {
            return null;
        }
        return s.nextDeliverRid - 1;
    }
}
