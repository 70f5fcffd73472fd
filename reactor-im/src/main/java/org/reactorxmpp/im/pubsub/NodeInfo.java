package org.reactorxmpp.im.pubsub;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.im.forms.DataForm;
import org.reactorxmpp.im.forms.FormField;

/**
 * What a node says about itself in disco#info (XEP-0060 5.3): leaf or collection, the service's
 * features, and the {@code pubsub#meta-data} form where the service sends one.
 *
 * <pre>{@code
 * pubsub.nodeInfo("news").subscribe(info -> log.info("{} is a {} node owned by {}", info.node(),
 *     info.type(), info.metadata(NodeInfo.OWNER)));
 * }</pre>
 *
 * @param node the node
 * @param type leaf, collection, or {@link Type#UNKNOWN} without a pubsub identity
 * @param features the disco features
 * @param metadata the {@code pubsub#meta-data} form, or {@code null}
 */
public record NodeInfo(String node, Type type, Set<String> features, @Nullable DataForm metadata) {

    /** The {@code FORM_TYPE} of the node meta-data form. */
    public static final String FORM_TYPE = "http://jabber.org/protocol/pubsub#meta-data";
    public static final String TITLE = "pubsub#title";
    public static final String OWNER = "pubsub#owner";
    public static final String ACCESS_MODEL = "pubsub#access_model";

    public NodeInfo {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(type, "type");
        features = Set.copyOf(features);
    }

    /** The node types: the {@code pubsub} identity's type. */
    public enum Type {
        LEAF, COLLECTION,
        /** No pubsub identity, or a type this library does not know. */
        UNKNOWN;

        /** @param identityType the identity's type attribute @return the node type */
        public static Type of(@Nullable String identityType) {
            if ("leaf".equals(identityType)) {
                return LEAF;
            }
            return "collection".equals(identityType) ? COLLECTION : UNKNOWN;
        }
    }

    /** @param var a meta-data field, for example {@link #TITLE} @return its first value */
    public Optional<String> metadata(String var) {
        return metadata == null ? Optional.empty() : metadata.field(var).flatMap(FormField::value);
    }

    /** @return the access model the meta-data states */
    public Optional<AccessModel> accessModel() {
        return metadata(ACCESS_MODEL).map(AccessModel::of);
    }
}
