package org.reactorxmpp.im.muc;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.im.forms.DataForm;
import org.reactorxmpp.im.forms.FormField;
import org.reactorxmpp.xmpp.jid.BareJid;

/**
 * What a room says about itself in disco#info (XEP-0045 6.4): its features ({@code muc_persistent},
 * {@code muc_passwordprotected}, ...) and the {@code muc#roominfo} form.
 *
 * @param room the room
 * @param name the identity name, or {@code null}
 * @param features the disco features
 * @param roomInfo the {@code muc#roominfo} form, or {@code null}
 */
public record RoomInfo(BareJid room, @Nullable String name, Set<String> features, @Nullable DataForm roomInfo) {

    /** The {@code FORM_TYPE} of the extended info form. */
    public static final String FORM_TYPE = "http://jabber.org/protocol/muc#roominfo";

    public RoomInfo {
        Objects.requireNonNull(room, "room");
        features = Set.copyOf(features);
    }

    public boolean persistent() {
        return features.contains("muc_persistent");
    }

    public boolean passwordProtected() {
        return features.contains("muc_passwordprotected");
    }

    public boolean membersOnly() {
        return features.contains("muc_membersonly");
    }

    public boolean moderated() {
        return features.contains("muc_moderated");
    }

    /** @return listed publicly ({@code muc_public}; else {@code muc_hidden}) */
    public boolean publicRoom() {
        return features.contains("muc_public");
    }

    /** @return real JIDs visible to all ({@code muc_nonanonymous}) */
    public boolean nonAnonymous() {
        return features.contains("muc_nonanonymous");
    }

    public Optional<String> description() {
        return info("muc#roominfo_description");
    }

    public Optional<String> subject() {
        return info("muc#roominfo_subject");
    }

    /** @return the number of occupants, when the room says */
    public OptionalInt occupants() {
        Optional<String> v = info("muc#roominfo_occupants");
        try {
            return v.isPresent() ? OptionalInt.of(Integer.parseInt(v.get().trim())) : OptionalInt.empty();
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** @param var a {@code muc#roominfo} field @return its first value */
    public Optional<String> info(String var) {
        return roomInfo == null ? Optional.empty() : roomInfo.field(var).flatMap(FormField::value);
    }
}
