package org.reactorxmpp.im.roster.internal;

import java.util.Objects;

import org.reactorxmpp.im.roster.Roster;
import org.reactorxmpp.im.roster.RosterOptions;
import org.reactorxmpp.xmpp.feature.Feature;
import org.reactorxmpp.xmpp.feature.FeatureContext;
import org.reactorxmpp.xmpp.feature.FeatureKey;

/**
 * The roster with its options, as a feature: equal options (the same {@link RosterOptions} object)
 * find the installed roster. Not API: use {@link Roster#feature(RosterOptions)}.
 *
 * @param options the options
 */
public record RosterFeature(RosterOptions options) implements Feature<Roster> {

    /** @param options the options */
    public RosterFeature {
        Objects.requireNonNull(options, "options");
    }

    @Override
    public FeatureKey<Roster> key() {
        return Roster.KEY;
    }

    @Override
    public Roster install(FeatureContext context) {
        return DefaultRoster.install(context, options);
    }
}
