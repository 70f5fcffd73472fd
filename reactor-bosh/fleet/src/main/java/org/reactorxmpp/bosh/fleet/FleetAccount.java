package org.reactorxmpp.bosh.fleet;

import java.util.Objects;
import java.util.function.Supplier;

import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.jid.Jid;

/**
 * One account of a {@link Fleet}: the JID its session binds (a full JID fixes the resource, which keeps the session's
 * address stable across handoffs and re-logins) and where its password comes from. The supplier is called only
 * when the session must log in (first placement, or a session that could not be resumed); each call returns a fresh
 * array the fleet zeroes after use. Immutable.
 *
 * <pre>{@code
 * FleetAccount bot = FleetAccount.of(Jid.parse("bot1@example.com/fleet"), () -> vault.password("bot1"));
 * }</pre>
 *
 * @param jid the account, with or without a resource
 * @param password the password source
 */
public record FleetAccount(Jid jid, Supplier<char[]> password) {

    public FleetAccount {
        Objects.requireNonNull(jid, "jid");
        Objects.requireNonNull(password, "password");
        if (jid.localpart().isEmpty()) {
            throw new IllegalArgumentException("a fleet account needs a local part: " + jid);
        }
    }

    /**
     * @param jid the account, with or without a resource
     * @param password the password source
     * @return the account
     */
    public static FleetAccount of(Jid jid, Supplier<char[]> password) {
        return new FleetAccount(jid, password);
    }

    /**
     * @param jid the account, for example {@code bot1@example.com/fleet}
     * @param password the password (kept in this object; prefer the supplier form for secrets held elsewhere)
     * @return the account
     */
    public static FleetAccount of(String jid, String password) {
        Objects.requireNonNull(password, "password");
        return new FleetAccount(Jid.parse(jid), password::toCharArray);
    }

    /** @return the bare JID: the key that places the account on a partition */
    public BareJid bareJid() {
        return jid.asBare();
    }

    @Override
    public String toString() {
        return "FleetAccount[" + jid + "]";
    }
}
