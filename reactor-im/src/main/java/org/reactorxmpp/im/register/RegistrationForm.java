package org.reactorxmpp.im.register;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.im.forms.DataForm;
import org.reactorxmpp.im.forms.DataFormException;
import org.reactorxmpp.im.forms.FormField;
import org.reactorxmpp.xmpp.extension.ExtensionCodec;
import org.reactorxmpp.xmpp.extension.ExtensionDecodeException;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlName;

/**
 * What a server asks for to register an account (XEP-0077): the legacy fields of its
 * {@code <query xmlns='jabber:iq:register'/>} ({@code username}, {@code password}, and e.g.
 * {@code email}, {@code name}, {@code key}) and, when it sends one, its data form (XEP-0004,
 * {@code FORM_TYPE jabber:iq:register}), which then takes precedence (XEP-0077 section 6). Immutable:
 * {@link #fill} returns a new form; {@link #submission()} is what is sent back.
 *
 * <pre>{@code
 * InBandRegistration.createAccount(transport, "example.com", form -> Mono.just(form
 *     .fill("username", "carol").fill("password", secret)
 *     .fill("email", form.has("email") ? "carol@example.org" : null)))
 *     .subscribe();
 * }</pre>
 */
public final class RegistrationForm {

    private static final String NS = InBandRegistration.NAMESPACE;
    private static final XmlName X = XmlName.of(DataForm.NAMESPACE, "x");

    private final @Nullable String instructions;
    private final boolean registered;
    private final Map<String, String> fields;
    private final @Nullable DataForm dataForm;

    private RegistrationForm(@Nullable String instructions, boolean registered, Map<String, String> fields,
                             @Nullable DataForm dataForm) {
        this.instructions = instructions;
        this.registered = registered;
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        this.dataForm = dataForm;
    }

    /**
     * @param query the server's {@code <query xmlns='jabber:iq:register'/>}
     * @return its registration form
     * @throws ExtensionDecodeException when its data form is malformed
     */
    public static RegistrationForm of(XmlElement query) {
        Objects.requireNonNull(query, "query");
        String instructions = null;
        boolean registered = false;
        Map<String, String> fields = new LinkedHashMap<>();
        for (XmlElement child : query.elements().toList()) {
            if (!NS.equals(child.namespace())) {
                continue; // the data form below; out-of-band (jabber:x:oob) links are not fields
            }
            switch (child.localName()) {
                case "instructions" -> instructions = child.text();
                case "registered" -> registered = true;
                case "remove" -> { }
                default -> fields.put(child.localName(), child.text());
            }
        }
        XmlElement x = query.element(X);
        DataForm form = x == null ? null : ExtensionCodec.decode(DataForm.CODEC, x);
        return new RegistrationForm(instructions, registered, fields, form);
    }

    /** @return the instructions of the legacy form, if any (a data form has its own) */
    public Optional<String> instructions() {
        return Optional.ofNullable(instructions);
    }

    /** @return whether the account is already registered ({@code <registered/>}) */
    public boolean registered() {
        return registered;
    }

    /** @return the legacy fields by element name, in order, with their current values (the server's, or filled) */
    public Map<String, String> fields() {
        return fields;
    }

    /** @return the server's data form, filled so far, if it sent one */
    public Optional<DataForm> dataForm() {
        return Optional.ofNullable(dataForm);
    }

    /**
     * @param name a field name, e.g. {@code email}
     * @return whether the server asks for it (in its data form or as a legacy field)
     */
    public boolean has(String name) {
        return dataForm != null ? dataForm.has(name) : fields.containsKey(name);
    }

    /**
     * @param name a field name
     * @return whether the server's data form marks it required (every legacy field is)
     */
    public boolean required(String name) {
        return dataForm != null ? dataForm.field(name).map(FormField::required).orElse(false) : fields.containsKey(name);
    }

    /**
     * Fills one field: in the data form when the server sent one (its field must exist there), and
     * in the legacy fields when it has that field.
     *
     * @param name the field name, e.g. {@code username}, {@code password}, {@code email}
     * @param value the value; {@code null} leaves the form as it is (convenient for optional fields)
     * @return the filled form
     * @throws RegistrationException when the server asked for no such field
     */
    public RegistrationForm fill(String name, @Nullable String value) {
        Objects.requireNonNull(name, "name");
        if (value == null) {
            return this;
        }
        if (!has(name)) {
            throw new RegistrationException("the server's registration form has no field '" + name + "' (it asks for "
                + (dataForm != null ? dataForm.fields().stream().flatMap(f -> f.var().stream()).toList() : fields.keySet())
                + ")", null);
        }
        DataForm filledForm = dataForm;
        if (dataForm != null) {
            try {
                filledForm = dataForm.fill(name, value);
            } catch (DataFormException e) {
                throw new RegistrationException("field '" + name + "' cannot take that value: " + e.getMessage(), e);
            }
        }
        Map<String, String> filled = new LinkedHashMap<>(fields);
        filled.computeIfPresent(name, (k, old) -> value);
        return new RegistrationForm(instructions, registered, filled, filledForm);
    }

    /**
     * @return the {@code <query/>} to send back: the submitted data form when the server sent one,
     *     otherwise the legacy fields with their values
     * @throws RegistrationException when a required field of the data form has no value
     */
    public XmlElement submission() {
        XmlElement.Builder query = XmlElement.builder(NS, "query");
        if (dataForm != null) {
            try {
                return query.child(DataForm.CODEC.encode(dataForm.submit())).build();
            } catch (DataFormException e) {
                throw new RegistrationException("the registration form is not complete: " + e.getMessage(), e);
            }
        }
        fields.forEach((name, value) -> query.textChild(NS, name, value));
        return query.build();
    }

    @Override
    public String toString() {
        return "RegistrationForm{" + (registered ? "registered, " : "") + "fields " + fields.keySet()
            + (dataForm != null ? ", " + dataForm : "") + "}";
    }
}
