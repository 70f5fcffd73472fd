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

import org.reactorxmpp.xmpp.xml.XmlElement;

/**
 * Entity capabilities (XEP-0115): the verification string of an entity's identities and features,
 * and the {@code <c/>} element that advertises it in presence.
 *
 * <pre>{@code
 * String ver = EntityCaps.ver(List.of(DiscoIdentity.of("client", "pc", "Exodus 0.9.1")),
 *     List.of("http://jabber.org/protocol/caps", "http://jabber.org/protocol/disco#info"));
 * XmlElement c = EntityCaps.element("https://example.com/bot", ver);
 * }</pre>
 */
public final class EntityCaps {

    /** The entity capabilities namespace. */
    public static final String NAMESPACE = "http://jabber.org/protocol/caps";

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
        List<DiscoIdentity> sortedIdentities = new ArrayList<>(identities);
        sortedIdentities.sort(Comparator
            .comparing((DiscoIdentity i) -> utf8(i.category()), OCTETS)
            .thenComparing(i -> utf8(i.type()), OCTETS)
            .thenComparing(i -> utf8(i.lang().orElse("")), OCTETS)
            .thenComparing(i -> utf8(i.name().orElse("")), OCTETS));
        List<String> sortedFeatures = new ArrayList<>(new LinkedHashSet<>(features));
        sortedFeatures.sort((a, b) -> OCTETS.compare(utf8(a), utf8(b)));
        StringBuilder s = new StringBuilder();
        for (DiscoIdentity i : sortedIdentities) {
            s.append(i.category()).append('/').append(i.type()).append('/')
                .append(i.lang().orElse("")).append('/').append(i.name().orElse("")).append('<');
        }
        for (String f : sortedFeatures) {
            s.append(f).append('<');
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(utf8(s.toString()));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is not available in this JVM", e);
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
