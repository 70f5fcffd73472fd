package org.reactorxmpp.im.muc.internal;

import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.im.muc.Invitation;
import org.reactorxmpp.im.muc.JoinOptions;
import org.reactorxmpp.im.muc.Room;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.jid.Jid;
import reactor.core.publisher.Mono;

/** An invitation received, answered through the session's MUC service. */
record MucInvitation(DefaultMuc muc, BareJid room, Jid from, @Nullable String reasonText, @Nullable String passwordText,
                     boolean direct) implements Invitation {

    @Override
    public Optional<String> reason() {
        return Optional.ofNullable(reasonText);
    }

    @Override
    public Optional<String> password() {
        return Optional.ofNullable(passwordText);
    }

    @Override
    public Mono<Room> accept(String nick) {
        return muc.join(room, nick, JoinOptions.builder().password(passwordText).build());
    }

    @Override
    public Mono<Void> decline(@Nullable String reason) {
        return muc.send(MucStanzas.decline(room, direct ? from.asBare() : from, reason));
    }

    @Override
    public String toString() {
        return "Invitation{" + room + " from " + from + (direct ? ", direct" : "") + "}";
    }
}
