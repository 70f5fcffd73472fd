package org.reactorxmpp.xmpp.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlName;

/**
 * Entity capabilities (XEP-0115): the verification string of an entity's identities and features,
 * and the {@code <c/>} element that advertises it in presence.
 *
 * <pre>{@code
 * String ver = EntityCaps.ver(List.of(DiscoIdentity.of("client", "pc", "Exodus 0.9.1")),
 *     List.of("http://jabber.org/protocol/caps", "http://jabber.org/protocol/disco#info"));
 * XmlElement c = EntityCaps.element("https://example.com/bot", ver);
 * }</pre>
 *
 * <p>A session's own caps are kept by its {@link Capabilities} registry ({@link XmppSession#capabilities()}),
 * which recomputes the ver as features come and go. To learn what <em>other</em> entities can do from
 * the caps in their presence, see {@link EntityCapsCache}.
 */
public final class EntityCaps {

    /** The entity capabilities namespace. */
    public static final String NAMESPACE = "http://jabber.org/protocol/caps";

    /** The data forms namespace (XEP-0004), for extended service discovery forms. */
    static final String DATA_FORMS = "jabber:x:data";

    private static final Comparator<byte[]> OCTETS = Arrays::compareUnsigned;

    private EntityCaps() {
    }

    /**
     * Computes the SHA-1 verification string (XEP-0115 section 5.1) for an entity without extended
     * service discovery forms: identities sorted by category, type and language (octet order), then
     * features sorted, each followed by {@code <}, hashed with SHA-1 and encoded in base64.
     *
     * @param identities the entity's identities
     * @param features the entity's features (duplicates are counted once)
     * @return the {@code ver} value
     */
    public static String ver(Collection<DiscoIdentity> identities, Collection<String> features) {
        return ver("sha-1", identities, features, List.of());
    }

    /**
     * Computes the verification string (XEP-0115 section 5.1) with a hash function and the
     * entity's extended service discovery forms (XEP-0128): after identities and features, each form
     * sorted by its {@code FORM_TYPE} value: that value, then its fields sorted by {@code var}, each
     * var followed by its values sorted. Forms without a {@code FORM_TYPE} field are ignored.
     *
     * @param hash the hash name from the IANA registry as used in the {@code hash} attribute:
     *     {@code sha-1}, {@code sha-224}, {@code sha-256}, {@code sha-384}, {@code sha-512} or {@code md5}
     * @param identities the entity's identities
     * @param features the entity's features (duplicates are counted once)
     * @param forms {@code <x xmlns='jabber:x:data' type='result'/>} elements, possibly none
     * @return the {@code ver} value
     * @throws IllegalArgumentException for a hash this JVM or method does not support
     */
    public static String ver(String hash, Collection<DiscoIdentity> identities, Collection<String> features,
                             Collection<XmlElement> forms) {
        MessageDigest digest = digest(hash);
        List<DiscoIdentity> sortedIdentities = new ArrayList<>(identities);
        sortedIdentities.sort(Comparator
            .comparing((DiscoIdentity i) -> utf8(i.category()), OCTETS)
            .thenComparing(i -> utf8(i.type()), OCTETS)
            .thenComparing(i -> utf8(i.lang().orElse("")), OCTETS)
            .thenComparing(i -> utf8(i.name().orElse("")), OCTETS));
        StringBuilder s = new StringBuilder();
        for (DiscoIdentity i : sortedIdentities) {
            s.append(i.category()).append('/').append(i.type()).append('/')
                .append(i.lang().orElse("")).append('/').append(i.name().orElse("")).append('<');
        }
        for (String f : sortedOctets(new LinkedHashSet<>(features))) {
            s.append(f).append('<');
        }
        List<XmlElement> typedForms = new ArrayList<>();
        for (XmlElement form : forms) {
            if (formType(form) != null) {
                typedForms.add(form);
            }
        }
        typedForms.sort((a, b) -> OCTETS.compare(utf8(formType(a)), utf8(formType(b))));
        for (XmlElement form : typedForms) {
            s.append(formType(form)).append('<');
            List<XmlElement> fields = form.elements(XmlName.of(DATA_FORMS, "field"))
                .filter(f -> f.attribute("var") != null && !"FORM_TYPE".equals(f.attribute("var")))
                .sorted((a, b) -> OCTETS.compare(utf8(a.attribute("var")), utf8(b.attribute("var"))))
                .collect(Collectors.toList());
            for (XmlElement field : fields) {
                s.append(field.attribute("var")).append('<');
                for (String value : sortedOctets(values(field))) {
                    s.append(value).append('<');
                }
            }
        }
        return Base64.getEncoder().encodeToString(digest.digest(utf8(s.toString())));
    }

    /**
     * @param form a data form
     * @return the value of its hidden {@code FORM_TYPE} field, or {@code null}
     */
    static @Nullable String formType(XmlElement form) {
        return form.elements(XmlName.of(DATA_FORMS, "field"))
            .filter(f -> "FORM_TYPE".equals(f.attribute("var")))
            .findFirst()
            .map(f -> values(f).isEmpty() ? null : values(f).get(0))
            .orElse(null);
    }

    private static List<String> values(XmlElement field) {
        return field.elements(XmlName.of(DATA_FORMS, "value")).map(XmlElement::text).collect(Collectors.toList());
    }

    private static List<String> sortedOctets(Collection<String> strings) {
        List<String> sorted = new ArrayList<>(strings);
        sorted.sort((a, b) -> OCTETS.compare(utf8(a), utf8(b)));
        return sorted;
    }

    /**
     * @param hash a hash name as in the {@code hash} attribute
     * @return whether {@link #ver(String, Collection, Collection, Collection)} can compute it
     */
    public static boolean supportsHash(String hash) {
        try {
            digest(hash);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static MessageDigest digest(String hash) {
        String algorithm;
        switch (hash.toLowerCase(Locale.ROOT)) {
            case "sha-1":
            case "sha-224":
            case "sha-256":
            case "sha-384":
            case "sha-512":
            case "md5":
                algorithm = hash.toUpperCase(Locale.ROOT);
                break;
            default:
                throw new IllegalArgumentException("unsupported entity caps hash '" + hash + "'");
        }
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalArgumentException("entity caps hash '" + hash + "' is not available in this JVM", e);
        }
    }

    /**
     * The caps element to put in presence.
     *
     * @param node the URI identifying the software, for example its home page
     * @param ver the verification string from {@link #ver(Collection, Collection)}
     * @return {@code <c xmlns='http://jabber.org/protocol/caps' hash='sha-1' node='...' ver='...'/>}
     */
    public static XmlElement element(String node, String ver) {
        return XmlElement.builder(NAMESPACE, "c")
            .attribute("hash", "sha-1").attribute("node", node).attribute("ver", ver).build();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
