package org.reactorxmpp.xmpp.feature;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * Names a per-session service and installs it with its default settings. Compared by identity: keep
 * one {@code static final} key per service, next to its entry point. A service without settings
 * installs from a function; a service with settings names its default {@link Feature} value, so
 * that asking with equal settings later finds the installed instance instead of a conflict.
 *
 * <pre>{@code
 * public interface Roster {
 *     FeatureKey<Roster> KEY = FeatureKey.of("roster", () -> new RosterFeature(RosterOptions.defaults()));
 *     static Roster of(XmppSession session) { return session.feature(KEY); }
 *     static Roster of(XmppSession session, RosterOptions options) { return session.feature(new RosterFeature(options)); }
 * }
 * assert Roster.of(session) == session.feature(Roster.KEY);
 * FeatureKey<Pinger> PINGER = FeatureKey.of("pinger", ctx -> new Pinger(ctx.session()));
 * }</pre>
 *
 * @param <F> the service type
 */
public final class FeatureKey<F> implements Feature<F> {

    private final String name;
    private final @Nullable Function<FeatureContext, ? extends F> install;
    private final @Nullable Supplier<? extends Feature<F>> defaults;

    private FeatureKey(String name, @Nullable Function<FeatureContext, ? extends F> install,
                       @Nullable Supplier<? extends Feature<F>> defaults) {
        if (name.isBlank()) {
            throw new IllegalArgumentException("a feature name must not be blank");
        }
        this.name = name;
        this.install = install;
        this.defaults = defaults;
    }

    /**
     * @param name a name for messages and logs, for example {@code roster}
     * @param defaults installs the service with its default settings
     * @param <F> the service type
     * @return a new key
     */
    public static <F> FeatureKey<F> of(String name, Function<FeatureContext, ? extends F> defaults) {
        return new FeatureKey<>(Objects.requireNonNull(name, "name"), Objects.requireNonNull(defaults, "defaults"), null);
    }

    /**
     * @param name a name for messages and logs, for example {@code roster}
     * @param defaults the feature with default settings (its {@link Feature#key()} must be this key);
     *     called lazily, so it may refer to the constant being initialized
     * @param <F> the service type
     * @return a new key
     */
    public static <F> FeatureKey<F> of(String name, Supplier<? extends Feature<F>> defaults) {
        return new FeatureKey<>(Objects.requireNonNull(name, "name"), null, Objects.requireNonNull(defaults, "defaults"));
    }

    /**
     * @return the feature this key installs when asked for by itself: the default settings' feature,
     *     or this key for a service without settings
     */
    public Feature<F> defaults() {
        if (defaults == null) {
            return this;
        }
        Feature<F> feature = Objects.requireNonNull(defaults.get(), () -> "feature '" + name + "' has no defaults");
        if (feature.key() != this) {
            throw new IllegalStateException("the default feature " + feature + " of " + this + " has another key");
        }
        return feature;
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
        F service = install != null ? install.apply(context) : defaults().install(context);
        return Objects.requireNonNull(service, () -> "feature '" + name + "' installed nothing");
    }

    @Override
    public String toString() {
        return "FeatureKey{" + name + "}";
    }
}
