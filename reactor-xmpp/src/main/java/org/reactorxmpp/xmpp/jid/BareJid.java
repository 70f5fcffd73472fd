package org.reactorxmpp.xmpp.jid;

import java.util.Optional;

/** Skeleton; the RFC 7622 implementation lands with the JID work. */
public final class BareJid implements Jid {
    @Override
    public Optional<String> localpart() {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public String domainpart() {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public Optional<String> resourcepart() {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public BareJid asBare() {
        throw new UnsupportedOperationException("not yet");
    }
}
