package org.reactorxmpp.im.xhtml.internal;

import java.util.Map;
import java.util.Set;

import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlName;
import org.reactorxmpp.xmpp.xml.XmlNode;
import org.reactorxmpp.xmpp.xml.XmlText;

/**
 * Renders the content of a parsed XHTML {@code <body/>} as HTML text for the sanitiser: elements of
 * the XHTML namespace as tags with their unqualified attributes, elements of any other namespace as
 * their content only, text escaped (so markup inside text stays text). The output is not safe by
 * itself: it is the sanitiser's input. Not API.
 */
public final class HtmlText {

    /** {@code http://www.w3.org/1999/xhtml}. */
    public static final String XHTML = "http://www.w3.org/1999/xhtml";

    private static final Set<String> VOID = Set.of("br", "img", "hr", "area", "base", "col", "embed",
        "input", "link", "meta", "param", "source", "track", "wbr");

    private HtmlText() {
    }

    /**
     * @param body the {@code <body xmlns='http://www.w3.org/1999/xhtml'/>} element
     * @return its content as HTML text (the body tag itself is not rendered)
     */
    public static String render(XmlElement body) {
        StringBuilder out = new StringBuilder();
        body.children().forEach(child -> render(child, out));
        return out.toString();
    }

    private static void render(XmlNode node, StringBuilder out) {
        if (node instanceof XmlText text) {
            escape(text.text(), out, false);
            return;
        }
        XmlElement e = (XmlElement) node;
        if (!XHTML.equals(e.namespace())) {
            e.children().forEach(child -> render(child, out));
            return;
        }
        String name = e.localName();
        out.append('<').append(name);
        for (Map.Entry<XmlName, String> a : e.attributes().entrySet()) {
            if (a.getKey().namespace().isEmpty()) {
                out.append(' ').append(a.getKey().localName()).append("=\"");
                escape(a.getValue(), out, true);
                out.append('"');
            }
        }
        out.append('>');
        if (VOID.contains(name)) {
            return;
        }
        e.children().forEach(child -> render(child, out));
        out.append("</").append(name).append('>');
    }

    /**
     * @param text text or an attribute value
     * @param out where to append it with {@code & < >} (and quotes in attributes) as character references
     * @param attribute whether quotes are escaped too
     */
    public static void escape(String text, StringBuilder out, boolean attribute) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append(attribute ? "&#34;" : "\"");
                case '\'' -> out.append(attribute ? "&#39;" : "'");
                default -> out.append(c);
            }
        }
    }
}
