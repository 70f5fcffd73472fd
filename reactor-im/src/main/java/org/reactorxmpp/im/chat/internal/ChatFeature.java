package org.reactorxmpp.im.chat.internal;

import java.util.Objects;

import org.reactorxmpp.im.chat.ChatManager;
import org.reactorxmpp.im.chat.ChatOptions;
import org.reactorxmpp.xmpp.feature.Feature;
import org.reactorxmpp.xmpp.feature.FeatureContext;
import org.reactorxmpp.xmpp.feature.FeatureKey;

/**
 * The chats with their options, as a feature. Not API: use {@link ChatManager#feature(ChatOptions)}.
 *
 * @param options the options
 */
public record ChatFeature(ChatOptions options) implements Feature<ChatManager> {

    /** @param options the options */
    public ChatFeature {
        Objects.requireNonNull(options, "options");
    }

    @Override
    public FeatureKey<ChatManager> key() {
        return ChatManager.KEY;
    }

    @Override
    public ChatManager install(FeatureContext context) {
        return DefaultChatManager.install(context, options);
    }
}
