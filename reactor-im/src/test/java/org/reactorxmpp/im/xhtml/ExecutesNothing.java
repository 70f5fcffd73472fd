package org.reactorxmpp.im.xhtml;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An independent check that sanitised HTML executes nothing in a browser: every tag is of the
 * XHTML-IM profile, no attribute is an event handler or outside the profile, no URL or style, once
 * character references are decoded and whitespace and control characters removed (as browsers
 * ignore them), holds a script scheme, {@code data:} or a CSS script construct; no raw {@code <}
 * outside tags (no comment, CDATA or processing instruction).
 */
final class ExecutesNothing {

    private static final Pattern TAG = Pattern.compile("<(/?)([a-zA-Z][a-zA-Z0-9]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>");
    private static final Pattern ATTRIBUTE = Pattern.compile("\\s*([^\\s=/>]+)(?:\\s*=\\s*(\"[^\"]*\"|'[^']*'|[^\\s\"'>]+))?");
    private static final Pattern REFERENCE = Pattern.compile("&(#[xX][0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);?");
    private static final Set<String> ATTRIBUTES = Set.of("href", "src", "alt", "height", "width", "style", "type", "rel");
    private static final Set<String> URL_ATTRIBUTES = Set.of("href", "src");
    private static final Set<String> SCHEMES = Set.of("http", "https", "mailto", "xmpp");
    private static final List<String> FORBIDDEN_IN_VALUES = List.of("javascript:", "vbscript:", "livescript:", "data:");
    private static final List<String> FORBIDDEN_IN_STYLE = List.of("expression", "url(", "behavior", "binding",
        "import", "javascript", "\\", "<", ">", "position");
    private static final Map<String, String> NAMED = Map.of("colon", ":", "tab", "\t", "newline", "\n",
        "lpar", "(", "rpar", ")", "amp", "&", "quot", "\"", "apos", "'", "lt", "<", "gt", ">");

    private ExecutesNothing() {
    }

    /** @return the problems found, empty when the HTML executes nothing */
    static List<String> problems(String html) {
        List<String> problems = new ArrayList<>();
        Matcher tag = TAG.matcher(html);
        StringBuilder outside = new StringBuilder();
        int last = 0;
        while (tag.find()) {
            outside.append(html, last, tag.start());
            last = tag.end();
            String name = tag.group(2).toLowerCase(Locale.ROOT);
            if (!XhtmlSanitizer.ELEMENTS.contains(name)) {
                problems.add("element <" + name + "> outside the profile");
            }
            checkAttributes(name, tag.group(3), problems);
        }
        outside.append(html.substring(last));
        if (outside.indexOf("<") >= 0) {
            problems.add("raw '<' outside a profile tag: " + outside);
        }
        return problems;
    }

    private static void checkAttributes(String element, String attributes, List<String> problems) {
        Matcher a = ATTRIBUTE.matcher(attributes);
        while (a.find()) {
            if (a.group(1).isEmpty()) {
                continue;
            }
            String name = a.group(1).toLowerCase(Locale.ROOT);
            String raw = a.group(2) == null ? "" : unquote(a.group(2));
            String value = normalize(decode(raw));
            if (name.startsWith("on") || !ATTRIBUTES.contains(name)) {
                problems.add("attribute " + name + " on <" + element + ">");
            }
            for (String bad : FORBIDDEN_IN_VALUES) {
                if (value.contains(bad)) {
                    problems.add(bad + " in " + name + "=" + raw);
                }
            }
            if (URL_ATTRIBUTES.contains(name)) {
                int colon = value.indexOf(':');
                int end = firstOf(value, "/?#");
                if (colon >= 0 && (end < 0 || colon < end) && !SCHEMES.contains(value.substring(0, colon))) {
                    problems.add("scheme " + value.substring(0, colon) + " in " + name + "=" + raw);
                }
            }
            if (name.equals("style")) {
                for (String bad : FORBIDDEN_IN_STYLE) {
                    if (value.contains(bad)) {
                        problems.add("'" + bad + "' in style=" + raw);
                    }
                }
            }
        }
    }

    private static int firstOf(String s, String chars) {
        int min = -1;
        for (char c : chars.toCharArray()) {
            int i = s.indexOf(c);
            if (i >= 0 && (min < 0 || i < min)) {
                min = i;
            }
        }
        return min;
    }

    private static String unquote(String v) {
        return (v.startsWith("\"") || v.startsWith("'")) ? v.substring(1, v.length() - 1) : v;
    }

    /** Decodes character references once, as a browser does for an attribute value (with or without ';'). */
    static String decode(String value) {
        Matcher m = REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String ref = m.group(1);
            String replacement;
            if (ref.startsWith("#x") || ref.startsWith("#X")) {
                replacement = codePoint(Long.parseLong(ref.substring(2).replaceFirst("^0+(?=.)", ""), 16));
            } else if (ref.startsWith("#")) {
                replacement = codePoint(Long.parseLong(ref.substring(1).replaceFirst("^0+(?=.)", "")));
            } else {
                replacement = NAMED.getOrDefault(ref.toLowerCase(Locale.ROOT), m.group());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        return m.appendTail(out).toString();
    }

    private static String codePoint(long cp) {
        return cp > 0 && cp <= Character.MAX_CODE_POINT ? new String(Character.toChars((int) cp)) : "";
    }

    /** Lower case without whitespace, control, format (zero-width, BOM) and percent-escaped characters. */
    private static String normalize(String value) {
        StringBuilder out = new StringBuilder();
        String unescaped = value.replaceAll("(?i)%6a", "j").replaceAll("(?i)%3a", ":");
        unescaped.codePoints().filter(cp -> !Character.isWhitespace(cp) && !Character.isISOControl(cp)
                && !Character.isSpaceChar(cp) && Character.getType(cp) != Character.FORMAT)
            .forEach(out::appendCodePoint);
        return out.toString().toLowerCase(Locale.ROOT);
    }
}
