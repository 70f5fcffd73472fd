package org.reactorxmpp.im.quickcontacts.internal;

import java.util.Objects;

import org.reactorxmpp.im.quickcontacts.QuickContacts;
import org.reactorxmpp.im.quickcontacts.QuickContactsOptions;
import org.reactorxmpp.xmpp.feature.Feature;
import org.reactorxmpp.xmpp.feature.FeatureContext;
import org.reactorxmpp.xmpp.feature.FeatureKey;

/**
 * Quick contacts with their options, as a feature. Not API: use {@link QuickContacts#feature}.
 *
 * @param options the options
 */
public record QuickContactsFeature(QuickContactsOptions options) implements Feature<QuickContacts> {

    /** @param options the options */
    public QuickContactsFeature {
        Objects.requireNonNull(options, "options");
    }

    @Override
    public FeatureKey<QuickContacts> key() {
        return QuickContacts.KEY;
    }

    @Override
    public QuickContacts install(FeatureContext context) {
        return DefaultQuickContacts.install(context, options);
    }
}
