package org.reactorxmpp.im.mam;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.reactorxmpp.xmpp.jid.Jid;

/**
 * Archiving preferences ({@code <prefs/>}).
 *
 * @param defaultBehaviour what is archived for JIDs in neither list
 * @param always JIDs always archived
 * @param never JIDs never archived
 */
public record ArchivePreferences(Default defaultBehaviour, List<Jid> always, List<Jid> never) {

    /** The {@code default} attribute. */
    public enum Default {
        ALWAYS, NEVER, ROSTER, UNKNOWN;

        /** @return the attribute value */
        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** @param value an attribute value @return the constant, {@link #UNKNOWN} for others */
        public static Default of(String value) {
            for (Default d : values()) {
                if (d != UNKNOWN && d.value().equals(value)) {
                    return d;
                }
            }
            return UNKNOWN;
        }
    }

    /** Copies the lists. */
    public ArchivePreferences {
        Objects.requireNonNull(defaultBehaviour, "defaultBehaviour");
        always = List.copyOf(always);
        never = List.copyOf(never);
    }
}
