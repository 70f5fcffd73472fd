package org.reactorxmpp.im.pubsub;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.reactorxmpp.im.forms.DataForm;

/**
 * Publish-options (XEP-0060 7.1.5): preconditions a publish states about the node's configuration. The
 * service creates the node with them (PEP) or checks them, failing a mismatch with a
 * {@link PubSubException} whose condition is {@link PubSubCondition#PRECONDITION_NOT_MET}. Immutable.
 *
 * <pre>{@code
 * PublishOptions whitelisted = PublishOptions.empty().accessModel(AccessModel.WHITELIST).persistItems(true);
 * pep.publish("urn:xmpp:bookmarks:1", "room@muc.example", bookmark, whitelisted);
 * }</pre>
 */
public final class PublishOptions {

    /** The form type of publish-options forms. */
    public static final String FORM_TYPE = "http://jabber.org/protocol/pubsub#publish-options";

    private static final PublishOptions EMPTY = new PublishOptions(Map.of());

    private final Map<String, List<String>> fields;

    private PublishOptions(Map<String, List<String>> fields) {
        this.fields = fields;
    }

    /** @return no options */
    public static PublishOptions empty() {
        return EMPTY;
    }

    /** @param model the required access model @return these options and that one */
    public PublishOptions accessModel(AccessModel model) {
        if (model == AccessModel.UNKNOWN) {
            throw new IllegalArgumentException("UNKNOWN is not an access model to require");
        }
        return with(NodeConfiguration.ACCESS_MODEL, model.value());
    }

    /** @param persist whether items are persisted @return these options and that one */
    public PublishOptions persistItems(boolean persist) {
        return with(NodeConfiguration.PERSIST_ITEMS, persist ? "true" : "false");
    }

    /** @param max the required max items @return these options and that one */
    public PublishOptions maxItems(long max) {
        return with(NodeConfiguration.MAX_ITEMS, Long.toString(max));
    }

    /**
     * @param var a node configuration field, for example {@code pubsub#send_last_published_item}
     * @param values its required values
     * @return these options and that one
     */
    public PublishOptions with(String var, String... values) {
        Map<String, List<String>> copy = new LinkedHashMap<>(fields);
        copy.put(var, List.of(values));
        return new PublishOptions(Collections.unmodifiableMap(copy));
    }

    /** @return whether there are no options */
    public boolean isEmpty() {
        return fields.isEmpty();
    }

    /** @return the options by field */
    public Map<String, List<String>> fields() {
        return fields;
    }

    /** @return the submit form of the options */
    public DataForm form() {
        return DataForm.submit(FORM_TYPE, fields);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PublishOptions && ((PublishOptions) o).fields.equals(fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    @Override
    public String toString() {
        return "PublishOptions" + fields;
    }
}
