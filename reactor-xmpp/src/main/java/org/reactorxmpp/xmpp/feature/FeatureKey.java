package org.reactorxmpp.xmpp.feature;

import java.util.Objects;
import java.util.function.Function;

/**
 * Names a per-session service and installs it with its default settings. Compared by identity: keep
 * one {@code static final} key per service, next to its entry point.
 *
 * <pre>{@code
 * public interface Roster {
 *     FeatureKey<Roster> KEY = FeatureKey.of("roster", ctx -> RosterFeature.install(ctx, RosterOptions.defaults()));
 *     static Roster of(XmppSession session) { return session.feature(KEY); }
 * }
 * assert Roster.of(session) == session.feature(Roster.KEY);
 * }</pre>
 *
 * @param <F> the service type
 */
public final class FeatureKey<F> implements Feature<F> {

    private final String name;
    private final Function<FeatureContext, ? extends F> defaults;

    private FeatureKey(String name, Function<FeatureContext, ? extends F> defaults) {
        this.name = name;
        this.defaults = defaults;
    }

    /**
     * @param name a name for messages and logs, for example {@code roster}
     * @param defaults installs the service with its default settings
     * @param <F> the service type
     * @return a new key
     */
    public static <F> FeatureKey<F> of(String name, Function<FeatureContext, ? extends F> defaults) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(defaults, "defaults");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a feature name must not be blank");
        }
        return new FeatureKey<>(name, defaults);
    }

    /** @return the name */
    public String name() {
        return name;
    }

    @Override
    public FeatureKey<F> key() {
        return this;
    }

    @Override
    public F install(FeatureContext context) {
        return Objects.requireNonNull(defaults.apply(context), () -> "feature '" + name + "' installed nothing");
    }

    @Override
    public String toString() {
        return "FeatureKey{" + name + "}";
    }
}
