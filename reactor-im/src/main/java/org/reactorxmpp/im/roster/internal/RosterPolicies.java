package org.reactorxmpp.im.roster.internal;

import org.reactorxmpp.im.roster.RosterOptions;
import org.reactorxmpp.im.roster.RosterSnapshot;
import org.reactorxmpp.xmpp.jid.BareJid;

/** The pure subscription policy decisions (CAXL autoaccept, autoaccept_in_domain), tested without a server. */
final class RosterPolicies {

    private RosterPolicies() {
    }

    /**
     * @param options the policies
     * @param account our account
     * @param requester who asks to subscribe
     * @param roster the current roster
     * @return whether to approve without asking the application
     */
    public static boolean autoAccept(RosterOptions options, BareJid account, BareJid requester, RosterSnapshot roster) {
        if (options.autoAcceptInDomain() && requester.domainpart().equals(account.domainpart())) {
            return true;
        }
        switch (options.autoAccept()) {
            case ALWAYS:
                return true;
            case IN_ROSTER:
                return roster.item(requester).isPresent();
            case NEVER:
            default:
                return false;
        }
    }
}
