package org.reactorxmpp.xmpp.session;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlName;

/**
 * What an entity answered to a service discovery information request (XEP-0030 section 3.1): its
 * identities, features and extended forms (XEP-0128). Immutable.
 *
 * <pre>{@code
 * capsCache.info(romeo).filter(info -> info.hasFeature("urn:xmpp:jingle:1")).subscribe(...);
 * }</pre>
 */
public final class EntityInfo {

    /** The disco#info namespace. */
    public static final String NAMESPACE = "http://jabber.org/protocol/disco#info";

    private final List<DiscoIdentity> identities;
    private final Set<String> features;
    private final List<XmlElement> forms;

    /**
     * @param identities the identities
     * @param features the features
     * @param forms the extended forms ({@code <x xmlns='jabber:x:data'/>})
     */
    public EntityInfo(List<DiscoIdentity> identities, Set<String> features, List<XmlElement> forms) {
        this.identities = List.copyOf(identities);
        this.features = Set.copyOf(features);
        this.forms = List.copyOf(forms);
    }

    /**
     * Reads a disco#info {@code <query/>}, keeping duplicates out (see {@link #hasDuplicates(XmlElement)}).
     *
     * @param query the {@code <query xmlns='http://jabber.org/protocol/disco#info'/>} element
     * @return its content
     * @throws IllegalArgumentException when it is not such a query or an identity lacks category or type
     */
    public static EntityInfo fromQuery(XmlElement query) {
        Objects.requireNonNull(query, "query");
        if (!query.is(NAMESPACE, "query")) {
            throw new IllegalArgumentException("not a disco#info query: " + query.name());
        }
        List<DiscoIdentity> identities = new ArrayList<>();
        query.elements(XmlName.of(NAMESPACE, "identity")).forEach(i -> {
            String category = i.attribute("category");
            String type = i.attribute("type");
            if (category == null || type == null) {
                throw new IllegalArgumentException("disco#info identity without category or type");
            }
            identities.add(DiscoIdentity.of(category, type, i.attribute("name")).withLang(i.attribute(XmlName.XML_LANG)));
        });
        Set<String> features = new LinkedHashSet<>();
        query.elements(XmlName.of(NAMESPACE, "feature")).forEach(f -> {
            String var = f.attribute("var");
            if (var != null) {
                features.add(var);
            }
        });
        List<XmlElement> forms = new ArrayList<>();
        query.elements(XmlName.of(EntityCaps.DATA_FORMS, "x")).forEach(forms::add);
        return new EntityInfo(identities, features, forms);
    }

    /**
     * XEP-0115 section 5.4: an answer with the same identity or feature twice, or two extended forms
     * with the same {@code FORM_TYPE}, must not be used to verify a caps hash.
     *
     * @param query a disco#info query
     * @return whether it has such duplicates
     */
    public static boolean hasDuplicates(XmlElement query) {
        Set<String> seen = new java.util.HashSet<>();
        for (XmlElement i : (Iterable<XmlElement>) query.elements(XmlName.of(NAMESPACE, "identity"))::iterator) {
            if (!seen.add("i\0" + i.attribute("category") + "\0" + i.attribute("type") + "\0"
                + i.attribute(XmlName.XML_LANG) + "\0" + i.attribute("name"))) {
                return true;
            }
        }
        for (XmlElement f : (Iterable<XmlElement>) query.elements(XmlName.of(NAMESPACE, "feature"))::iterator) {
            if (!seen.add("f\0" + f.attribute("var"))) {
                return true;
            }
        }
        for (XmlElement x : (Iterable<XmlElement>) query.elements(XmlName.of(EntityCaps.DATA_FORMS, "x"))::iterator) {
            String type = EntityCaps.formType(x);
            if (type != null && !seen.add("x\0" + type)) {
                return true;
            }
        }
        return false;
    }

    /** @return the identities */
    public List<DiscoIdentity> identities() {
        return identities;
    }

    /** @return the features */
    public Set<String> features() {
        return features;
    }

    /** @return the extended forms */
    public List<XmlElement> forms() {
        return forms;
    }

    /**
     * @param feature a feature namespace
     * @return whether the entity has it
     */
    public boolean hasFeature(String feature) {
        return features.contains(feature);
    }

    @Override
    public boolean equals(@org.jspecify.annotations.Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof EntityInfo)) {
            return false;
        }
        EntityInfo other = (EntityInfo) o;
        return identities.equals(other.identities) && features.equals(other.features) && forms.equals(other.forms);
    }

    @Override
    public int hashCode() {
        return Objects.hash(identities, features, forms);
    }

    @Override
    public String toString() {
        return "EntityInfo{identities=" + identities + ", features=" + features + ", forms=" + forms.size() + "}";
    }
}
