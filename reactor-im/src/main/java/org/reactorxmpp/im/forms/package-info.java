/**
 * XEP-0004 data forms: an immutable {@link org.reactorxmpp.im.forms.DataForm} with typed
 * {@link org.reactorxmpp.im.forms.FormField}s, its tree codec {@link org.reactorxmpp.im.forms.DataForm#CODEC},
 * and the fill / submit / cancel steps of a form exchange. Shared by MUC room configuration, search
 * and PubSub node configuration.
 *
 * <pre>{@code
 * DataForm form = DataForm.CODEC.decode(query.element(DataForm.NAMESPACE, "x"));
 * DataForm answer = form.fill("muc#roomconfig_persistentroom", true)
 *     .fill("muc#roomconfig_roomname", "Balcony")
 *     .submit();
 * XmlElement x = DataForm.CODEC.encode(answer);
 * }</pre>
 */
@NullMarked
package org.reactorxmpp.im.forms;

import org.jspecify.annotations.NullMarked;
