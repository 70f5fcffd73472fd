package org.reactorxmpp.im.xhtml;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import org.owasp.html.CssSchema;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.reactorxmpp.im.xhtml.internal.HtmlText;
import org.reactorxmpp.xmpp.xml.XmlElement;

/**
 * Sanitises received XHTML-IM to the recommended profile of XEP-0071 section 7, with the OWASP Java
 * HTML Sanitizer: only the elements {@code a blockquote br cite em img li ol p span strong ul}; on
 * {@code a} only {@code href} and {@code type}, on {@code img} only {@code src alt height width};
 * {@code style} with only the profile's CSS properties ({@code background-color color font-family
 * font-size font-style font-weight margin-left margin-right text-align text-decoration}); URLs only
 * {@code http}, {@code https}, {@code mailto}, {@code xmpp} or relative (so no {@code javascript:},
 * {@code vbscript:} or {@code data:}, however spelled: the sanitiser decodes entities and rejects
 * what it cannot parse). Event-handler attributes and every other element are dropped
 * ({@code script} and {@code style} with their content, others keeping their text); links get
 * {@code rel="nofollow noopener noreferrer"}. The output is HTML safe to insert in a page.
 *
 * <pre>{@code
 * String html = XhtmlSanitizer.sanitize("<p onclick='x()'>Hi <a href='javascript:alert(1)'>there</a></p>");
 * // <p>Hi there</p>
 * }</pre>
 */
public final class XhtmlSanitizer {

    /** The elements of the recommended profile that are kept. */
    public static final List<String> ELEMENTS =
        List.of("a", "blockquote", "br", "cite", "em", "img", "li", "ol", "p", "span", "strong", "ul");

    /** The CSS properties of the recommended profile that are kept. */
    public static final List<String> CSS_PROPERTIES = List.of("background-color", "color", "font-family",
        "font-size", "font-style", "font-weight", "margin-left", "margin-right", "text-align", "text-decoration");

    private static final PolicyFactory POLICY = new HtmlPolicyBuilder()
        .allowElements(ELEMENTS.toArray(String[]::new))
        .allowAttributes("href").onElements("a")
        .allowAttributes("type").matching(Pattern.compile("[a-zA-Z0-9.+-]+/[a-zA-Z0-9.+-]+")).onElements("a")
        .allowAttributes("src").onElements("img")
        .allowAttributes("alt").onElements("img")
        .allowAttributes("height", "width").matching(Pattern.compile("[0-9]{1,4}")).onElements("img")
        .allowUrlProtocols("http", "https", "mailto", "xmpp")
        .allowStyling(CssSchema.withProperties(CSS_PROPERTIES))
        .requireRelsOnLinks("nofollow", "noopener", "noreferrer")
        .toFactory();

    private XhtmlSanitizer() {
    }

    /**
     * @param html HTML from anywhere
     * @return the HTML restricted to the profile
     */
    public static String sanitize(String html) {
        return POLICY.sanitize(Objects.requireNonNull(html, "html"));
    }

    /**
     * @param body a parsed {@code <body xmlns='http://www.w3.org/1999/xhtml'/>}
     * @return its content restricted to the profile, as HTML
     */
    public static String sanitize(XmlElement body) {
        return sanitize(HtmlText.render(Objects.requireNonNull(body, "body")));
    }
}
