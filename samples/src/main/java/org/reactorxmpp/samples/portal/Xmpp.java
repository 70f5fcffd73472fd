package org.reactorxmpp.samples.portal;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

import org.reactorxmpp.bosh.BoshTransport;
import org.reactorxmpp.im.chat.ChatManager;
import org.reactorxmpp.im.mam.MessageArchive;
import org.reactorxmpp.im.muc.Muc;
import org.reactorxmpp.im.presence.PresenceService;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.session.XmppClient;
import org.reactorxmpp.xmpp.session.XmppSession;
import reactor.core.publisher.Mono;

/**
 * Where the portal's XMPP server is and how the portal logs accounts into it (BOSH, SCRAM-SHA-1).
 *
 * @param host the XMPP domain
 * @param mucHost the multi-user chat service
 * @param boshUrl the BOSH endpoint
 */
record Xmpp(String host, String mucHost, URI boshUrl) {

    Xmpp {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(mucHost, "mucHost");
        Objects.requireNonNull(boshUrl, "boshUrl");
    }

    /** @param jid an account @return its local part (the domain for a domain JID) */
    static String user(org.reactorxmpp.xmpp.jid.Jid jid) {
        return jid.localpart().orElse(jid.domainpart());
    }

    /**
     * @param inviter who invites (a user's JID, or the inviter's occupant JID in a room of our MUC service)
     * @param self the invited account
     * @return whether the invitation comes from the account's own server: only those are accepted
     */
    static boolean ours(org.reactorxmpp.xmpp.jid.Jid inviter, org.reactorxmpp.xmpp.jid.Jid self) {
        String domain = inviter.domainpart();
        return domain.equals(self.domainpart()) || domain.endsWith("." + self.domainpart());
    }

    /** @param user a local part @return its bare JID on this server */
    BareJid jid(String user) {
        return BareJid.parse(user + "@" + host);
    }

    /**
     * @param user the local part
     * @param password the password
     * @return a lazy login: a session once bound (initial presence sent)
     */
    Mono<XmppSession> login(String user, String password) {
        return login(user, password, b -> b);
    }

    /**
     * The features a portal session uses, declared before login: their capabilities are in the very first
     * presence (no later install re-sends presence with a new caps {@code ver}) and they see every stanza.
     *
     * @param builder a client builder
     * @return the builder with chat, presence, MUC and archive features
     */
    static XmppClient.Builder portalFeatures(XmppClient.Builder builder) {
        return builder.feature(ChatManager.KEY).feature(PresenceService.KEY).feature(Muc.KEY).feature(MessageArchive.KEY);
    }

    /**
     * @param user the local part
     * @param password the password
     * @param features adds features to the client, e.g. a roster that must see the very first pushes
     * @return a lazy login: a session once bound (initial presence sent)
     */
    Mono<XmppSession> login(String user, String password, UnaryOperator<XmppClient.Builder> features) {
        return features.apply(portalFeatures(XmppClient.builder()))
            .jid(jid(user))
            .password(password)
            .transport(BoshTransport.builder().url(boshUrl).build())
            .enabledMechanisms(List.of("SCRAM-SHA-1"))
            .build()
            .connect();
    }
}
