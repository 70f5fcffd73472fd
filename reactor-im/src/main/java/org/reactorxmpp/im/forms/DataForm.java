package org.reactorxmpp.im.forms;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.extension.ExtensionCodec;
import org.reactorxmpp.xmpp.xml.XmlElement;

/**
 * An immutable XEP-0004 data form: its {@link Type}, title, instructions, fields, and for results the
 * {@code <reported/>} columns and the {@code <item/>} rows. A form exchange is: receive a {@code form},
 * {@link #fill} it, {@link #submit()} it (or answer {@link #cancel()}); a {@code result} is read with
 * {@link #field}, {@link #reported()} and {@link #items()}.
 *
 * <pre>{@code
 * DataForm config = DataForm.CODEC.decode(x);                     // type form, from the server
 * if (config.field("muc#roomconfig_persistentroom").isPresent()) {
 *     config = config.fill("muc#roomconfig_persistentroom", true);
 * }
 * XmlElement answer = DataForm.CODEC.encode(config.submit());     // type submit, values only
 * }</pre>
 */
public final class DataForm {

    /** The namespace {@code jabber:x:data}. */
    public static final String NAMESPACE = "jabber:x:data";
    /** The name of the hidden field that names the form's kind (XEP-0068). */
    public static final String FORM_TYPE = "FORM_TYPE";
    /** The codec for {@code <x xmlns='jabber:x:data'/>}. */
    public static final ExtensionCodec<DataForm> CODEC = new DataFormCodec();

    /** The form types. */
    public enum Type {
        /** A form to fill in. */
        FORM("form"),
        /** A filled-in form. */
        SUBMIT("submit"),
        /** The form exchange is cancelled. */
        CANCEL("cancel"),
        /** Data: a single record, or a table ({@code reported} + {@code item}s). */
        RESULT("result");

        private final String value;

        Type(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }

        /** @param value a {@code type} attribute @return the type, or {@code null} when not one of the four */
        public static @Nullable Type of(@Nullable String value) {
            for (Type t : values()) {
                if (t.value.equals(value)) {
                    return t;
                }
            }
            return null;
        }
    }

    private final Type type;
    private final @Nullable String title;
    private final List<String> instructions;
    private final List<FormField> fields;
    private final List<FormField> reported;
    private final List<List<FormField>> items;
    private final List<XmlElement> extensions;

    private DataForm(Builder b) {
        this.type = b.type;
        this.title = b.title;
        this.instructions = List.copyOf(b.instructions);
        this.fields = List.copyOf(b.fields);
        this.reported = List.copyOf(b.reported);
        this.items = b.items.stream().map(List::copyOf).toList();
        this.extensions = List.copyOf(b.extensions);
        Set<String> vars = new HashSet<>();
        for (FormField f : fields) {
            f.var().ifPresent(v -> {
                if (!vars.add(v)) {
                    throw new DataFormException(v, "appears twice in the form");
                }
            });
        }
    }

    /** @param type the form type @return a new builder */
    public static Builder builder(Type type) {
        return new Builder(Objects.requireNonNull(type, "type"));
    }

    /** @return the answer that cancels a form exchange */
    public static DataForm cancel() {
        return builder(Type.CANCEL).build();
    }

    /**
     * A submit form built without a form from the other side, for example the empty submit that accepts a
     * new MUC room's default configuration.
     *
     * @param formType the {@code FORM_TYPE}, or {@code null} for none
     * @param values the values by field name, in order
     * @return the submit form
     */
    public static DataForm submit(@Nullable String formType, Map<String, ? extends Collection<String>> values) {
        Builder b = builder(Type.SUBMIT);
        if (formType != null) {
            b.field(FormField.builder(FORM_TYPE).type(FieldType.HIDDEN).value(formType).build());
        }
        values.forEach((var, v) -> b.field(FormField.builder(var).values(v).build()));
        return b.build();
    }

    /** @return a builder with this form's content */
    public Builder toBuilder() {
        Builder b = new Builder(type);
        b.title = title;
        b.instructions.addAll(instructions);
        b.fields.addAll(fields);
        b.reported.addAll(reported);
        items.forEach(i -> b.items.add(new ArrayList<>(i)));
        b.extensions.addAll(extensions);
        return b;
    }

    public Type type() {
        return type;
    }

    public Optional<String> title() {
        return Optional.ofNullable(title);
    }

    /** @return the instructions, one entry per {@code <instructions/>} element */
    public List<String> instructions() {
        return instructions;
    }

    /** @return the fields in order (for a table result: none; see {@link #items()}) */
    public List<FormField> fields() {
        return fields;
    }

    /** @return the columns of a table result */
    public List<FormField> reported() {
        return reported;
    }

    /** @return the rows of a table result, each a list of fields with values */
    public List<List<FormField>> items() {
        return items;
    }

    /** @return the rows of a table result as maps from field name to values, in column order */
    public List<Map<String, List<String>>> rows() {
        List<Map<String, List<String>>> rows = new ArrayList<>(items.size());
        for (List<FormField> item : items) {
            Map<String, List<String>> row = new LinkedHashMap<>();
            item.forEach(f -> f.var().ifPresent(v -> row.put(v, f.values())));
            rows.add(java.util.Collections.unmodifiableMap(row));
        }
        return List.copyOf(rows);
    }

    /** @return other child elements of the form, kept as they came */
    public List<XmlElement> extensions() {
        return extensions;
    }

    /** @return the value of the hidden {@code FORM_TYPE} field */
    public Optional<String> formType() {
        return field(FORM_TYPE).flatMap(FormField::value);
    }

    /** @param var a field name @return the field */
    public Optional<FormField> field(String var) {
        for (FormField f : fields) {
            if (f.var().filter(var::equals).isPresent()) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** @param var a field name @return whether the form has that field */
    public boolean has(String var) {
        return field(var).isPresent();
    }

    /**
     * @param var an existing field
     * @param values its new values
     * @return this form with that field's values replaced
     * @throws DataFormException when the field does not exist or the values do not fit its type
     */
    public DataForm fill(String var, Collection<String> values) {
        FormField field = field(var).orElseThrow(() -> new DataFormException(var, "the form has no such field"
            + title().map(t -> " (form '" + t + "')").orElse("")));
        if (field.type() == FieldType.FIXED) {
            throw new DataFormException(var, "a fixed field cannot be filled");
        }
        FormField filled = field.withValues(values);
        Builder b = toBuilder();
        b.fields.replaceAll(f -> f == field ? filled : f);
        return b.build();
    }

    /** @param var an existing field @param values its new values @return the filled form */
    public DataForm fill(String var, String... values) {
        return fill(var, List.of(values));
    }

    /** @param var an existing boolean field @param value its new value @return the filled form */
    public DataForm fill(String var, boolean value) {
        FormField field = field(var).orElseThrow(() -> new DataFormException(var, "the form has no such field"));
        if (field.type() != FieldType.BOOLEAN) {
            throw new DataFormException(var, "is a " + field.type().value() + " field, not a boolean");
        }
        return fill(var, List.of(value ? "1" : "0"));
    }

    /**
     * The answer to this form: type {@code submit}, every named non-fixed field with its type and values
     * (labels, descriptions and options dropped).
     *
     * @return the submit form
     * @throws DataFormException when this is not a {@code form}, or a required field has no value
     */
    public DataForm submit() {
        if (type != Type.FORM) {
            throw new DataFormException(null, "only a form can be submitted, this is a " + type.value());
        }
        Builder b = builder(Type.SUBMIT);
        for (FormField f : fields) {
            if (f.type() == FieldType.FIXED || f.var().isEmpty()) {
                continue;
            }
            if (f.required() && f.values().isEmpty()) {
                throw new DataFormException(f.var().get(), "is required and has no value");
            }
            b.field(FormField.builder(f.var().get()).typeAttribute(f.typeAttribute()).values(f.values()).build());
        }
        return b.build();
    }

    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof DataForm)) {
            return false;
        }
        DataForm f = (DataForm) o;
        return type == f.type && Objects.equals(title, f.title) && instructions.equals(f.instructions)
            && fields.equals(f.fields) && reported.equals(f.reported) && items.equals(f.items)
            && extensions.equals(f.extensions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, title, instructions, fields, reported, items, extensions);
    }

    @Override
    public String toString() {
        return "DataForm{" + type.value() + formType().map(t -> " " + t).orElse("") + " " + fields + "}";
    }

    /** Builds a {@link DataForm}; not thread-safe. */
    public static final class Builder {

        private final Type type;
        private @Nullable String title;
        private final List<String> instructions = new ArrayList<>();
        private final List<FormField> fields = new ArrayList<>();
        private final List<FormField> reported = new ArrayList<>();
        private final List<List<FormField>> items = new ArrayList<>();
        private final List<XmlElement> extensions = new ArrayList<>();

        private Builder(Type type) {
            this.type = type;
        }

        public Builder title(@Nullable String title) {
            this.title = title;
            return this;
        }

        public Builder instructions(String line) {
            instructions.add(Objects.requireNonNull(line, "line"));
            return this;
        }

        public Builder field(FormField field) {
            fields.add(Objects.requireNonNull(field, "field"));
            return this;
        }

        /** @param column a column of a table result @return this builder */
        public Builder reported(FormField column) {
            reported.add(Objects.requireNonNull(column, "column"));
            return this;
        }

        /** @param row a row of a table result @return this builder */
        public Builder item(List<FormField> row) {
            items.add(new ArrayList<>(row));
            return this;
        }

        /** @param element another child element to keep @return this builder */
        public Builder extension(XmlElement element) {
            extensions.add(Objects.requireNonNull(element, "element"));
            return this;
        }

        /** @return the form @throws DataFormException when a field name appears twice */
        public DataForm build() {
            return new DataForm(this);
        }
    }
}
