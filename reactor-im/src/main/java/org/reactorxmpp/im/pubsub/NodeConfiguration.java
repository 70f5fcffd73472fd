package org.reactorxmpp.im.pubsub;

import java.util.Optional;

import org.reactorxmpp.im.forms.DataForm;
import org.reactorxmpp.im.forms.DataFormException;
import org.reactorxmpp.im.forms.FormField;

/**
 * A node's configuration ({@code pubsub#node_config}) as the service's form says it: typed getters and
 * setters for the common fields, over the {@link DataForm} the service sent. A setter only fills a field
 * the service's form has (servers differ: never assume a fixed list); asking for a missing one is a
 * {@link DataFormException} naming it. Immutable: each setter returns a new configuration.
 *
 * <pre>{@code
 * pubsub.defaultConfiguration()
 *     .map(c -> c.accessModel(AccessModel.OPEN).maxItems(10).persistItems(true))
 *     .flatMap(c -> pubsub.createNode("news", c));
 * }</pre>
 */
public final class NodeConfiguration {

    /** The form type of node configuration forms. */
    public static final String FORM_TYPE = "http://jabber.org/protocol/pubsub#node_config";
    public static final String ACCESS_MODEL = "pubsub#access_model";
    public static final String PUBLISH_MODEL = "pubsub#publish_model";
    public static final String MAX_ITEMS = "pubsub#max_items";
    public static final String PERSIST_ITEMS = "pubsub#persist_items";
    public static final String NOTIFY_RETRACT = "pubsub#notify_retract";
    public static final String NOTIFY_DELETE = "pubsub#notify_delete";
    public static final String NOTIFY_CONFIG = "pubsub#notify_config";
    public static final String SEND_LAST = "pubsub#send_last_published_item";

    private final DataForm form;

    private NodeConfiguration(DataForm form) {
        this.form = form;
    }

    /** @param form the service's configuration form @return the configuration over it */
    public static NodeConfiguration of(DataForm form) {
        return new NodeConfiguration(form);
    }

    /** @return the underlying form, with the values set so far */
    public DataForm form() {
        return form;
    }

    /** @param var a field name @return whether the service's form has it */
    public boolean has(String var) {
        return form.has(var);
    }

    /** @param var a field name @return its first value */
    public Optional<String> value(String var) {
        return form.field(var).flatMap(FormField::value);
    }

    /** @return the access model, if the form has the field */
    public Optional<AccessModel> accessModel() {
        return value(ACCESS_MODEL).map(AccessModel::of);
    }

    /** @return the publish model, if the form has the field */
    public Optional<PublishModel> publishModel() {
        return value(PUBLISH_MODEL).map(PublishModel::of);
    }

    /** @return the maximum number of items kept ({@code max} is {@link Long#MAX_VALUE}) */
    public Optional<Long> maxItems() {
        return value(MAX_ITEMS).map(v -> "max".equals(v) ? Long.MAX_VALUE : Long.parseLong(v.trim()));
    }

    /** @return whether items are persisted */
    public Optional<Boolean> persistItems() {
        return form.field(PERSIST_ITEMS).flatMap(FormField::booleanValue);
    }

    /** @param model the access model @return the changed configuration */
    public NodeConfiguration accessModel(AccessModel model) {
        return with(ACCESS_MODEL, known(model == AccessModel.UNKNOWN, ACCESS_MODEL, model.value()));
    }

    /** @param model the publish model @return the changed configuration */
    public NodeConfiguration publishModel(PublishModel model) {
        return with(PUBLISH_MODEL, known(model == PublishModel.UNKNOWN, PUBLISH_MODEL, model.value()));
    }

    /** @param max how many items the node keeps (positive) @return the changed configuration */
    public NodeConfiguration maxItems(long max) {
        if (max < 1) {
            throw new IllegalArgumentException("max items must be positive: " + max);
        }
        return with(MAX_ITEMS, Long.toString(max));
    }

    /** @param persist whether items are persisted @return the changed configuration */
    public NodeConfiguration persistItems(boolean persist) {
        return new NodeConfiguration(form.fill(PERSIST_ITEMS, persist));
    }

    /**
     * @param var any field of the service's form
     * @param values its new values
     * @return the changed configuration
     * @throws DataFormException when the form has no such field
     */
    public NodeConfiguration with(String var, String... values) {
        return new NodeConfiguration(form.fill(var, values));
    }

    private static String known(boolean unknown, String var, String value) {
        if (unknown) {
            throw new DataFormException(var, "UNKNOWN is not a value to set");
        }
        return value;
    }

    /** @return the form to submit to the service */
    public DataForm submitForm() {
        return form.type() == DataForm.Type.FORM ? form.submit() : form;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NodeConfiguration && ((NodeConfiguration) o).form.equals(form);
    }

    @Override
    public int hashCode() {
        return form.hashCode();
    }

    @Override
    public String toString() {
        return "NodeConfiguration" + form.fields().stream().filter(f -> f.var().isPresent())
            .map(f -> f.var().get() + "=" + f.values()).toList();
    }
}
