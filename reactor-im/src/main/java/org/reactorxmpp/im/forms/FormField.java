package org.reactorxmpp.im.forms;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.jid.JidFormatException;
import org.reactorxmpp.xmpp.xml.XmlElement;

/**
 * One immutable field of a {@link DataForm}: its {@code var}, type, label, description, whether it is
 * required, its values, the options of a list field, and any other child elements (for example
 * XEP-0122 validation), kept as they came.
 *
 * <pre>{@code
 * FormField persistent = FormField.builder("muc#roomconfig_persistentroom").type(FieldType.BOOLEAN).value("1").build();
 * boolean on = persistent.booleanValue().orElse(false);
 * FormField admins = form.field("muc#roomconfig_roomadmins").orElseThrow().withValues(List.of("a@example.com"));
 * }</pre>
 */
public final class FormField {

    private final @Nullable String var;
    private final FieldType type;
    private final @Nullable String typeAttribute;
    private final @Nullable String label;
    private final @Nullable String description;
    private final boolean required;
    private final List<String> values;
    private final List<FormOption> options;
    private final List<XmlElement> extensions;

    private FormField(Builder b) {
        this.var = b.var;
        this.typeAttribute = b.typeAttribute;
        this.type = FieldType.of(b.typeAttribute);
        this.label = b.label;
        this.description = b.description;
        this.required = b.required;
        this.values = List.copyOf(b.values);
        this.options = List.copyOf(b.options);
        this.extensions = List.copyOf(b.extensions);
        if (var == null && type != FieldType.FIXED) {
            throw new DataFormException(null, "a " + type.value() + " field needs a var (only fixed fields may lack one)");
        }
        if (typeAttribute != null && !type.isMulti() && values.size() > 1) { // undeclared: a submit may omit types
            throw new DataFormException(var, "a " + type.value() + " field takes one value, not " + values);
        }
        if (type == FieldType.BOOLEAN && !values.isEmpty()) {
            parseBoolean(var, values.get(0));
        }
        if (type == FieldType.JID_SINGLE || type == FieldType.JID_MULTI) {
            values.forEach(v -> parseJid(var, v));
        }
    }

    /**
     * @param var the field's name
     * @return a builder of a {@code text-single} field (the XEP-0004 default type)
     */
    public static Builder builder(@Nullable String var) {
        return new Builder(var);
    }

    /** @return a builder with this field's content */
    public Builder toBuilder() {
        Builder b = new Builder(var);
        b.typeAttribute = typeAttribute;
        b.label = label;
        b.description = description;
        b.required = required;
        b.values.addAll(values);
        b.options.addAll(options);
        b.extensions.addAll(extensions);
        return b;
    }

    /** @return the field's name; absent only for {@code fixed} fields */
    public Optional<String> var() {
        return Optional.ofNullable(var);
    }

    /** @return the type ({@link FieldType#TEXT_SINGLE} when the form did not say) */
    public FieldType type() {
        return type;
    }

    /** @return the {@code type} attribute as received or set, {@code null} when absent */
    public @Nullable String typeAttribute() {
        return typeAttribute;
    }

    public Optional<String> label() {
        return Optional.ofNullable(label);
    }

    public Optional<String> description() {
        return Optional.ofNullable(description);
    }

    /** @return whether the form requires a value for this field */
    public boolean required() {
        return required;
    }

    /** @return the values in order; {@code text-multi} has one value per line */
    public List<String> values() {
        return values;
    }

    /** @return the first value */
    public Optional<String> value() {
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** @return the options of a list field */
    public List<FormOption> options() {
        return options;
    }

    /** @return the child elements other than value, option, required and desc */
    public List<XmlElement> extensions() {
        return extensions;
    }

    /**
     * @return the value of a boolean field ({@code 1}/{@code true} or {@code 0}/{@code false})
     * @throws DataFormException if the value is not a boolean
     */
    public Optional<Boolean> booleanValue() {
        return value().map(v -> parseBoolean(var, v));
    }

    /**
     * @return the values as JIDs
     * @throws DataFormException if one is not a JID
     */
    public List<Jid> jidValues() {
        return values.stream().map(v -> parseJid(var, v)).toList();
    }

    /** @return the value of a {@code text-multi} field, its lines joined by {@code \n} */
    public String text() {
        return String.join("\n", values);
    }

    /**
     * @param newValues the values
     * @return this field with other values
     * @throws DataFormException when the values do not fit the type
     */
    public FormField withValues(Collection<String> newValues) {
        return toBuilder().values(newValues).build();
    }

    static boolean parseBoolean(@Nullable String var, String value) {
        switch (value.trim()) {
            case "1":
            case "true":
                return true;
            case "0":
            case "false":
                return false;
            default:
                throw new DataFormException(var, "'" + value + "' is not a boolean (1, true, 0, false)");
        }
    }

    private static Jid parseJid(@Nullable String var, String value) {
        try {
            return Jid.parse(value);
        } catch (JidFormatException e) {
            throw new DataFormException(var, "'" + value + "' is not a JID: " + e.getMessage());
        }
    }

    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof FormField)) {
            return false;
        }
        FormField f = (FormField) o;
        return Objects.equals(var, f.var) && Objects.equals(typeAttribute, f.typeAttribute)
            && Objects.equals(label, f.label) && Objects.equals(description, f.description)
            && required == f.required && values.equals(f.values) && options.equals(f.options)
            && extensions.equals(f.extensions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(var, typeAttribute, label, description, required, values, options, extensions);
    }

    @Override
    public String toString() {
        return "FormField{" + var + " " + type.value() + (required ? " required" : "") + " " + values + "}";
    }

    /** Builds a {@link FormField}; not thread-safe. */
    public static final class Builder {

        private final @Nullable String var;
        private @Nullable String typeAttribute;
        private @Nullable String label;
        private @Nullable String description;
        private boolean required;
        private final List<String> values = new ArrayList<>();
        private final List<FormOption> options = new ArrayList<>();
        private final List<XmlElement> extensions = new ArrayList<>();

        private Builder(@Nullable String var) {
            this.var = var;
        }

        /** @param type the type (written as the {@code type} attribute) @return this builder */
        public Builder type(FieldType type) {
            if (type == FieldType.UNKNOWN) {
                throw new IllegalArgumentException("UNKNOWN is not a type to set; use typeAttribute(String)");
            }
            this.typeAttribute = type.value();
            return this;
        }

        /** @param attribute the raw {@code type} attribute, {@code null} for none @return this builder */
        public Builder typeAttribute(@Nullable String attribute) {
            this.typeAttribute = attribute;
            return this;
        }

        public Builder label(@Nullable String label) {
            this.label = label;
            return this;
        }

        public Builder description(@Nullable String description) {
            this.description = description;
            return this;
        }

        public Builder required(boolean required) {
            this.required = required;
            return this;
        }

        /** @param value a value to append @return this builder */
        public Builder value(String value) {
            values.add(Objects.requireNonNull(value, "value"));
            return this;
        }

        /** @param newValues the values, replacing any set before @return this builder */
        public Builder values(Collection<String> newValues) {
            values.clear();
            newValues.forEach(this::value);
            return this;
        }

        /** @param option an option to append @return this builder */
        public Builder option(FormOption option) {
            options.add(Objects.requireNonNull(option, "option"));
            return this;
        }

        /** @param element another child element to keep @return this builder */
        public Builder extension(XmlElement element) {
            extensions.add(Objects.requireNonNull(element, "element"));
            return this;
        }

        /**
         * @return the field
         * @throws DataFormException when it is inconsistent (no var, several values for a single-valued
         *     type, a non-boolean or non-JID value where the type requires one)
         */
        public FormField build() {
            return new FormField(this);
        }
    }
}
