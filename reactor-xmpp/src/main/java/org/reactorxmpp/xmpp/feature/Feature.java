package org.reactorxmpp.xmpp.feature;

/**
 * How a per-session service installs itself: the {@link FeatureKey} it is known by, and the
 * installation, run once per session through a {@link FeatureContext}. A {@link FeatureKey} is itself
 * the feature with its default settings; a feature with settings is a small value (a record)
 * implementing this interface, whose {@code equals} says whether two requests mean the same installation.
 *
 * <p>{@link org.reactorxmpp.xmpp.session.XmppSession#feature(Feature)} installs a feature on first
 * use and afterwards returns the same instance: for its key alone, or for an equal feature. Asking
 * again with different settings fails, instead of silently ignoring them.
 *
 * <pre>{@code
 * record Echo(String prefix) implements Feature<Echo> {
 *     static final FeatureKey<Echo> KEY = FeatureKey.of("echo", () -> new Echo(""));
 *     public FeatureKey<Echo> key() { return KEY; }
 *     public Echo install(FeatureContext ctx) {
 *         ctx.handle(Iq.Type.GET, XmlName.of("urn:example:echo", "echo"),
 *             iq -> Mono.just(iq.resultWith(iq.payload().orElseThrow())));
 *         ctx.capability("urn:example:echo");
 *         return this;
 *     }
 * }
 * Echo echo = session.feature(new Echo("> "));
 * }</pre>
 *
 * @param <F> the service type
 */
public interface Feature<F> {

    /** @return the key the installed service is found by; one service per key and session */
    FeatureKey<F> key();

    /**
     * Installs the service on a session: registers its handlers, routes, codecs and capabilities
     * through the context, which removes all of them when the session ends. Runs once per session,
     * on the caller's thread; must not block.
     *
     * @param context the session's installation context for this feature
     * @return the service
     */
    F install(FeatureContext context);
}
