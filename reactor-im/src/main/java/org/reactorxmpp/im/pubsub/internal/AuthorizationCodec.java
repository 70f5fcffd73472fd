package org.reactorxmpp.im.pubsub.internal;

import java.util.Optional;

import org.reactorxmpp.im.forms.DataForm;
import org.reactorxmpp.im.forms.FormField;
import org.reactorxmpp.im.pubsub.SubscriptionRequest;
import org.reactorxmpp.xmpp.extension.ExtensionCodec;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.stanza.Message;
import org.reactorxmpp.xmpp.xml.XmlElement;

/**
 * Reads the service's subscription authorization message (XEP-0060 8.6: a {@code jabber:x:data} form of
 * {@code FORM_TYPE} {@code pubsub#subscribe_authorization}) and writes the owner's answer.
 */
final class AuthorizationCodec {

    private AuthorizationCodec() {
    }

    static boolean isRequest(Message message) {
        return message.from() != null && form(message).isPresent();
    }

    private static Optional<XmlElement> form(Message message) {
        return message.element().elements()
            .filter(e -> e.is(DataForm.NAMESPACE, "x"))
            .filter(x -> x.elements().anyMatch(f -> DataForm.FORM_TYPE.equals(f.attribute("var"))
                && f.elements().anyMatch(v -> SubscriptionRequest.FORM_TYPE.equals(v.text().trim()))))
            .findFirst();
    }

    static Optional<SubscriptionRequest> decode(Message message) {
        return form(message).map(x -> ExtensionCodec.decode(DataForm.CODEC, x)).flatMap(form -> {
            Optional<String> node = value(form, SubscriptionRequest.NODE);
            Optional<Jid> subscriber = value(form, SubscriptionRequest.SUBSCRIBER).flatMap(Jid::tryParse);
            if (node.isEmpty() || subscriber.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new SubscriptionRequest(message.from(), node.get(), subscriber.get(),
                value(form, SubscriptionRequest.SUBID).orElse(null), form, message.id()));
        });
    }

    private static Optional<String> value(DataForm form, String var) {
        return form.field(var).flatMap(FormField::value).filter(v -> !v.isBlank());
    }

    static Message answer(SubscriptionRequest request, boolean allow) {
        return Message.builder().id(request.messageId()).to(request.service())
            .extension(DataForm.CODEC, request.answer(allow)).build();
    }
}
