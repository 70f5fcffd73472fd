package org.reactorxmpp.im.xhtml;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import org.reactorxmpp.im.xhtml.internal.HtmlText;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlNode;
import org.reactorxmpp.xmpp.xml.XmlText;

/**
 * Rich text built only from the safe subset of XEP-0071's recommended profile: text, strong,
 * emphasis, citation, line breaks, styled spans (profile CSS properties with plain values) and
 * links ({@code http}, {@code https}, {@code mailto}, {@code xmpp}). Immutable; the builder refuses
 * anything else, so what we send passes any receiver's sanitiser unchanged.
 *
 * <pre>{@code
 * XhtmlBody rich = XhtmlBody.builder()
 *     .text("Meet ").strong("today").text(" at ")
 *     .link(URI.create("https://example.com/room"), "the room")
 *     .span(Map.of("color", "red"), "!")
 *     .build();
 * Message m = XhtmlIm.attach(Message.builder().body(rich.plainText()), rich).build();
 * }</pre>
 *
 * @param content the children of the XHTML {@code <body/>}
 */
public record XhtmlBody(List<XmlNode> content) {

    private static final Set<String> SCHEMES = Set.of("http", "https", "mailto", "xmpp");
    private static final Pattern CSS_VALUE = Pattern.compile("[#a-zA-Z0-9 .,%-]{1,64}");

    /** @param content the children of the body; copied */
    public XhtmlBody {
        content = List.copyOf(content);
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the {@code <body xmlns='http://www.w3.org/1999/xhtml'>} element */
    public XmlElement toElement() {
        return XmlElement.builder(HtmlText.XHTML, "body").children(content).build();
    }

    /** @return the text without markup (line breaks as newlines), e.g. for the plain {@code <body/>} */
    public String plainText() {
        StringBuilder out = new StringBuilder();
        content.forEach(n -> plain(n, out));
        return out.toString();
    }

    /** @return the content as HTML (already within the profile) */
    public String toHtml() {
        return HtmlText.render(toElement());
    }

    private static void plain(XmlNode node, StringBuilder out) {
        if (node instanceof XmlText t) {
            out.append(t.text());
        } else if (node instanceof XmlElement e) {
            if (e.localName().equals("br")) {
                out.append('\n');
            }
            e.children().forEach(c -> plain(c, out));
        }
    }

    /** Builds an {@link XhtmlBody} from the safe subset. Not thread-safe. */
    public static final class Builder {
        private final List<XmlNode> content = new ArrayList<>();

        private Builder() {
        }

        /** @param text plain text @return this builder */
        public Builder text(String text) {
            content.add(new XmlText(Objects.requireNonNull(text, "text")));
            return this;
        }

        /** @param text bold text @return this builder */
        public Builder strong(String text) {
            return element("strong", Map.of(), text);
        }

        /** @param text emphasised text @return this builder */
        public Builder em(String text) {
            return element("em", Map.of(), text);
        }

        /** @param text a citation @return this builder */
        public Builder cite(String text) {
            return element("cite", Map.of(), text);
        }

        /** @return this builder, with a line break */
        public Builder br() {
            content.add(XmlElement.builder(HtmlText.XHTML, "br").build());
            return this;
        }

        /**
         * @param href an absolute {@code http}, {@code https}, {@code mailto} or {@code xmpp} URI
         * @param text the link text
         * @return this builder
         * @throws IllegalArgumentException for any other URI
         */
        public Builder link(URI href, String text) {
            String scheme = href.getScheme();
            if (scheme == null || !SCHEMES.contains(scheme.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("only http, https, mailto and xmpp links are allowed: " + href);
            }
            return element("a", Map.of("href", href.toString()), text);
        }

        /**
         * @param style CSS properties of the profile ({@link XhtmlSanitizer#CSS_PROPERTIES}), written in the
         *     map's iteration order, with plain
         *     values (letters, digits, {@code # . , % -} and spaces)
         * @param text the text
         * @return this builder
         * @throws IllegalArgumentException for another property or value
         */
        public Builder span(Map<String, String> style, String text) {
            StringBuilder css = new StringBuilder();
            new LinkedHashMap<>(style).forEach((property, value) -> {
                if (!XhtmlSanitizer.CSS_PROPERTIES.contains(property)) {
                    throw new IllegalArgumentException("CSS property not in the XHTML-IM profile: " + property);
                }
                if (!CSS_VALUE.matcher(value).matches()) {
                    throw new IllegalArgumentException("unsafe CSS value for " + property + ": " + value);
                }
                css.append(css.length() == 0 ? "" : ";").append(property).append(':').append(value);
            });
            return element("span", css.length() == 0 ? Map.of() : Map.of("style", css.toString()), text);
        }

        private Builder element(String name, Map<String, String> attributes, String text) {
            XmlElement.Builder b = XmlElement.builder(HtmlText.XHTML, name);
            attributes.forEach(b::attribute);
            content.add(b.text(Objects.requireNonNull(text, "text")).build());
            return this;
        }

        /** @return the body */
        public XhtmlBody build() {
            return new XhtmlBody(content);
        }
    }
}
