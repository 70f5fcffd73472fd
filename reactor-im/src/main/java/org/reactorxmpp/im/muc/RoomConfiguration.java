package org.reactorxmpp.im.muc;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.reactorxmpp.im.forms.DataForm;
import org.reactorxmpp.im.forms.FieldType;
import org.reactorxmpp.im.forms.FormField;
import org.reactorxmpp.xmpp.jid.BareJid;

/**
 * A room's configuration as its owner edits it: the {@code muc#roomconfig} form the server sent, with
 * typed setters for the common settings. Servers offer different fields (Prosody has no
 * {@code passwordprotectedroom}, ejabberd has {@code maxusers} and many others): each setter only touches
 * fields the form has, and a setting the form cannot express fails with {@link MucException.Reason#UNSUPPORTED}
 * instead of being dropped silently. Immutable: setters return a new configuration.
 *
 * <pre>{@code
 * room.configure(config -> config.persistent(true).membersOnly(true).password("cauldronburn")
 *     .whois(RoomConfiguration.Whois.MODERATORS)).block();
 * }</pre>
 */
public final class RoomConfiguration {

    public static final String FORM_TYPE = "http://jabber.org/protocol/muc#roomconfig";
    public static final String NAME = "muc#roomconfig_roomname";
    public static final String DESCRIPTION = "muc#roomconfig_roomdesc";
    public static final String PERSISTENT = "muc#roomconfig_persistentroom";
    public static final String PUBLIC = "muc#roomconfig_publicroom";
    public static final String MEMBERS_ONLY = "muc#roomconfig_membersonly";
    public static final String MODERATED = "muc#roomconfig_moderatedroom";
    public static final String PASSWORD_PROTECTED = "muc#roomconfig_passwordprotectedroom";
    public static final String SECRET = "muc#roomconfig_roomsecret";
    public static final String MAX_USERS = "muc#roomconfig_maxusers";
    public static final String WHOIS = "muc#roomconfig_whois";
    /** History length: Prosody's field; {@link #MAX_HISTORY_FETCH} is the XEP-0045 registered one. */
    public static final String HISTORY_LENGTH = "muc#roomconfig_historylength";
    public static final String MAX_HISTORY_FETCH = "muc#maxhistoryfetch";

    /** Who may see occupants' real JIDs. */
    public enum Whois {
        MODERATORS("moderators"),
        ANYONE("anyone");

        private final String value;

        Whois(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }
    }

    private final BareJid room;
    private final DataForm form;

    /**
     * @param room the room
     * @param form the configuration form the room sent (type {@code form})
     */
    public RoomConfiguration(BareJid room, DataForm form) {
        this.room = Objects.requireNonNull(room, "room");
        this.form = Objects.requireNonNull(form, "form");
    }

    public BareJid room() {
        return room;
    }

    /** @return the form with the values set so far */
    public DataForm form() {
        return form;
    }

    /** @param var a field name @return whether the server's form has it */
    public boolean supports(String var) {
        return form.has(var);
    }

    /**
     * Sets any field of the form.
     *
     * @param var the field
     * @param values its values
     * @return the new configuration
     * @throws MucException {@link MucException.Reason#UNSUPPORTED} when the form has no such field
     */
    public RoomConfiguration set(String var, Collection<String> values) {
        if (!form.has(var)) {
            throw unsupported(var);
        }
        return new RoomConfiguration(room, form.fill(var, values));
    }

    private RoomConfiguration set(String var, boolean value) {
        if (!form.has(var)) {
            throw unsupported(var);
        }
        FormField field = form.field(var).orElseThrow();
        // some servers send booleans as untyped or list fields; write the canonical 1/0
        return field.type() == FieldType.BOOLEAN ? new RoomConfiguration(room, form.fill(var, value))
            : set(var, List.of(value ? "1" : "0"));
    }

    private MucException unsupported(String var) {
        return new MucException(MucException.Reason.UNSUPPORTED, room, null,
            "the room's configuration form has no field " + var, null);
    }

    public RoomConfiguration name(String name) {
        return set(NAME, List.of(name));
    }

    public RoomConfiguration description(String description) {
        return set(DESCRIPTION, List.of(description));
    }

    public RoomConfiguration persistent(boolean persistent) {
        return set(PERSISTENT, persistent);
    }

    /** @param isPublic listed in room searches (else hidden) @return the new configuration */
    public RoomConfiguration publicRoom(boolean isPublic) {
        return set(PUBLIC, isPublic);
    }

    public RoomConfiguration membersOnly(boolean membersOnly) {
        return set(MEMBERS_ONLY, membersOnly);
    }

    public RoomConfiguration moderated(boolean moderated) {
        return set(MODERATED, moderated);
    }

    /**
     * Sets or clears the password: the secret, and the "password protected" flag where the form has one.
     *
     * @param password the password, empty to remove it
     * @return the new configuration
     */
    public RoomConfiguration password(String password) {
        RoomConfiguration c = set(SECRET, List.of(password));
        return supports(PASSWORD_PROTECTED) ? c.set(PASSWORD_PROTECTED, !password.isEmpty()) : c;
    }

    /** @param max the maximum number of occupants @return the new configuration */
    public RoomConfiguration maxUsers(int max) {
        return set(MAX_USERS, List.of(Integer.toString(max)));
    }

    public RoomConfiguration whois(Whois whois) {
        return set(WHOIS, List.of(whois.value()));
    }

    /** @param messages how many messages of history the room keeps/sends @return the new configuration */
    public RoomConfiguration historyLength(int messages) {
        String var = supports(HISTORY_LENGTH) ? HISTORY_LENGTH : MAX_HISTORY_FETCH;
        return set(var, List.of(Integer.toString(messages)));
    }

    /** @return the value of a boolean setting, when the form has it */
    public Optional<Boolean> flag(String var) {
        return form.field(var).flatMap(FormField::value).map(v -> "1".equals(v) || "true".equals(v));
    }

    /** @return the first value of a field */
    public Optional<String> value(String var) {
        return form.field(var).flatMap(FormField::value);
    }

    @Override
    public String toString() {
        return "RoomConfiguration{" + room + " " + form.fields() + "}";
    }
}
