/**
 * XEP-0085 Chat State Notifications.
 *
 * <pre>{@code
 * Message typing = Message.builder().to(peer).type(Message.Type.CHAT).child(ChatState.COMPOSING.toElement()).build();
 * Optional<ChatState> state = ChatState.of(message.element());
 * }</pre>
 */
@NullMarked
package org.reactorxmpp.xmpp.extension.chatstates;

import org.jspecify.annotations.NullMarked;
