package org.reactorxmpp.im.forms;

import java.util.ArrayList;
import java.util.List;

import org.reactorxmpp.xmpp.extension.ExtensionCodec;
import org.reactorxmpp.xmpp.extension.ExtensionDecodeException;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlName;

/** The tree codec of {@code <x xmlns='jabber:x:data'/>}; use {@link DataForm#CODEC}. */
final class DataFormCodec implements ExtensionCodec<DataForm> {

    private static final String NS = DataForm.NAMESPACE;
    private static final XmlName NAME = XmlName.of(NS, "x");

    @Override
    public XmlName name() {
        return NAME;
    }

    @Override
    public Class<DataForm> type() {
        return DataForm.class;
    }

    @Override
    public DataForm decode(XmlElement x) {
        DataForm.Type type = DataForm.Type.of(x.attribute("type"));
        if (type == null) {
            throw new ExtensionDecodeException(NAME, "a data form needs type form, submit, cancel or result, not "
                + (x.attribute("type") == null ? "none" : "'" + x.attribute("type") + "'"));
        }
        try {
            DataForm.Builder b = DataForm.builder(type);
            x.elements().forEach(child -> {
                if (!NS.equals(child.namespace())) {
                    b.extension(child);
                    return;
                }
                switch (child.localName()) {
                    case "title" -> b.title(child.text());
                    case "instructions" -> b.instructions(child.text());
                    case "field" -> b.field(field(child));
                    case "reported" -> child.elements(XmlName.of(NS, "field")).forEach(f -> b.reported(field(f)));
                    case "item" -> b.item(child.elements(XmlName.of(NS, "field")).map(DataFormCodec::field).toList());
                    default -> b.extension(child);
                }
            });
            return b.build();
        } catch (DataFormException e) {
            throw new ExtensionDecodeException(NAME, "invalid data form: " + e.getMessage(), e);
        }
    }

    private static FormField field(XmlElement e) {
        FormField.Builder b = FormField.builder(e.attribute("var"))
            .typeAttribute(e.attribute("type"))
            .label(e.attribute("label"));
        e.elements().forEach(child -> {
            if (!NS.equals(child.namespace())) {
                b.extension(child);
                return;
            }
            switch (child.localName()) {
                case "value" -> b.value(child.text());
                case "required" -> b.required(true);
                case "desc" -> b.description(child.text());
                case "option" -> {
                    String value = child.childText(XmlName.of(NS, "value"));
                    if (value == null) {
                        throw new DataFormException(e.attribute("var"), "an option without a value");
                    }
                    b.option(new FormOption(child.attribute("label"), value));
                }
                default -> b.extension(child);
            }
        });
        return b.build();
    }

    @Override
    public XmlElement encode(DataForm form) {
        XmlElement.Builder x = XmlElement.builder(NAME).attribute("type", form.type().value());
        form.title().ifPresent(t -> x.textChild(NS, "title", t));
        form.instructions().forEach(i -> x.textChild(NS, "instructions", i));
        form.fields().forEach(f -> x.child(field(f)));
        if (!form.reported().isEmpty()) {
            XmlElement.Builder reported = XmlElement.builder(NS, "reported");
            form.reported().forEach(f -> reported.child(field(f)));
            x.child(reported.build());
        }
        for (List<FormField> item : form.items()) {
            XmlElement.Builder row = XmlElement.builder(NS, "item");
            item.forEach(f -> row.child(field(f)));
            x.child(row.build());
        }
        form.extensions().forEach(x::child);
        return x.build();
    }

    private static XmlElement field(FormField f) {
        XmlElement.Builder e = XmlElement.builder(NS, "field")
            .attribute("var", f.var().orElse(null))
            .attribute("type", f.typeAttribute())
            .attribute("label", f.label().orElse(null));
        f.description().ifPresent(d -> e.textChild(NS, "desc", d));
        if (f.required()) {
            e.child(XmlElement.empty(NS, "required"));
        }
        f.values().forEach(v -> e.textChild(NS, "value", v));
        List<XmlElement> options = new ArrayList<>();
        f.options().forEach(o -> options.add(XmlElement.builder(NS, "option").attribute("label", o.label())
            .textChild(NS, "value", o.value()).build()));
        options.forEach(e::child);
        f.extensions().forEach(e::child);
        return e.build();
    }
}
