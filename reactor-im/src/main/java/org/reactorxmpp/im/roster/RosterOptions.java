package org.reactorxmpp.im.roster;

import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Options of a {@link Roster}: store, default group, and the CAXL subscription policies. Immutable.
 *
 * <p>Roster versioning and subscription pre-approval are <b>detected</b> from the session's
 * {@linkplain org.reactorxmpp.xmpp.session.XmppSession#features() stream features} by default
 * ({@code <ver xmlns='urn:xmpp:features:rosterver'/>}, {@code <sub xmlns='urn:xmpp:features:pre-approval'/>});
 * after a reconnect the new connection's features count. {@link Builder#versioning(boolean)} and
 * {@link Builder#preApproval(boolean)} are overrides for servers that support a feature without
 * announcing it, or to turn a feature off.
 *
 * <pre>{@code
 * RosterOptions options = RosterOptions.builder()
 *     .store(RosterStore.jsonFile(Path.of("roster.json")))
 *     .autoAccept(AutoAccept.IN_ROSTER).autoAcceptInDomain(true).autoSubscribe(true)
 *     .build();
 * }</pre>
 */
public final class RosterOptions {

    private static final RosterOptions DEFAULTS = builder().build();

    private final RosterStore store;
    private final @Nullable Boolean versioning;
    private final @Nullable Boolean preApproval;
    private final @Nullable String defaultGroup;
    private final AutoAccept autoAccept;
    private final boolean autoAcceptInDomain;
    private final boolean autoRemove;
    private final boolean autoSubscribe;
    private final int maxPendingRequests;

    private RosterOptions(Builder b) {
        this.store = b.store == null ? RosterStore.inMemory() : b.store;
        this.versioning = b.versioning;
        this.preApproval = b.preApproval;
        this.defaultGroup = b.defaultGroup;
        this.autoAccept = b.autoAccept;
        this.autoAcceptInDomain = b.autoAcceptInDomain;
        this.autoRemove = b.autoRemove;
        this.autoSubscribe = b.autoSubscribe;
        this.maxPendingRequests = b.maxPendingRequests;
    }

    /**
     * @return the defaults: in-memory store, versioning and pre-approval as the server announces them,
     *     no default group, {@link AutoAccept#NEVER}, no auto policies
     */
    public static RosterOptions defaults() {
        return DEFAULTS;
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return where the roster is kept between sessions */
    public RosterStore store() {
        return store;
    }

    /**
     * @return the versioning override: empty to follow the server's stream features (the default),
     *     otherwise whether roster gets carry the stored version ({@code ver})
     * @see Roster#versioning()
     */
    public Optional<Boolean> versioning() {
        return Optional.ofNullable(versioning);
    }

    /**
     * @return the pre-approval override: empty to follow the server's stream features (the default),
     *     otherwise whether the server is taken to support subscription pre-approval
     * @see Roster#preApproval()
     */
    public Optional<Boolean> preApproval() {
        return Optional.ofNullable(preApproval);
    }

    /** @return the group given to items saved without a group */
    public Optional<String> defaultGroup() {
        return Optional.ofNullable(defaultGroup);
    }

    /** @return which incoming requests are approved automatically */
    public AutoAccept autoAccept() {
        return autoAccept;
    }

    /** @return whether requests from the own domain are approved automatically */
    public boolean autoAcceptInDomain() {
        return autoAcceptInDomain;
    }

    /** @return whether a contact that unsubscribes from us is removed from the roster */
    public boolean autoRemove() {
        return autoRemove;
    }

    /** @return whether approving a request also subscribes to the requester */
    public boolean autoSubscribe() {
        return autoSubscribe;
    }

    /** @return how many unanswered subscription requests {@link Roster#requests()} keeps for replay */
    public int maxPendingRequests() {
        return maxPendingRequests;
    }

    /** Builds {@link RosterOptions}. */
    public static final class Builder {

        private @Nullable RosterStore store;
        private @Nullable Boolean versioning;
        private @Nullable Boolean preApproval;
        private @Nullable String defaultGroup;
        private AutoAccept autoAccept = AutoAccept.NEVER;
        private boolean autoAcceptInDomain;
        private boolean autoRemove;
        private boolean autoSubscribe;
        private int maxPendingRequests = 1024;

        private Builder() {
        }

        /** @param store where the roster is kept; default a new in-memory store @return this */
        public Builder store(RosterStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * Overrides the detection of roster versioning (RFC 6121 2.6). By default a roster sends
         * {@code ver} exactly when the current connection's stream features announce
         * {@code <ver xmlns='urn:xmpp:features:rosterver'/>} (RFC 6121 2.6.1: a client must not
         * send it otherwise). {@code true} forces it (a server that supports it without announcing
         * it), {@code false} turns it off (always fetch the whole roster, never write the store).
         *
         * @param versioning whether roster gets carry the stored version
         * @return this
         */
        public Builder versioning(boolean versioning) {
            this.versioning = versioning;
            return this;
        }

        /**
         * Overrides the detection of subscription pre-approval (RFC 6121 3.4). By default
         * {@link Roster#preApprove} works exactly when the current connection's stream features
         * announce {@code <sub xmlns='urn:xmpp:features:pre-approval'/>} and fails otherwise;
         * {@code true} forces it, {@code false} refuses it locally.
         *
         * @param preApproval whether the server is taken to support pre-approval
         * @return this
         */
        public Builder preApproval(boolean preApproval) {
            this.preApproval = preApproval;
            return this;
        }

        /** @param group the group of items saved without one (CAXL {@code defaultGroup}), or {@code null} @return this */
        public Builder defaultGroup(@Nullable String group) {
            if (group != null && group.isEmpty()) {
                throw new IllegalArgumentException("defaultGroup must not be empty");
            }
            this.defaultGroup = group;
            return this;
        }

        /** @param policy which requests are approved automatically (CAXL {@code autoaccept}) @return this */
        public Builder autoAccept(AutoAccept policy) {
            this.autoAccept = Objects.requireNonNull(policy, "autoAccept");
            return this;
        }

        /** @param inDomain approve requests from the own domain (CAXL {@code autoaccept_in_domain}) @return this */
        public Builder autoAcceptInDomain(boolean inDomain) {
            this.autoAcceptInDomain = inDomain;
            return this;
        }

        /** @param autoRemove remove a contact that unsubscribes from us (CAXL {@code autoremove}) @return this */
        public Builder autoRemove(boolean autoRemove) {
            this.autoRemove = autoRemove;
            return this;
        }

        /** @param autoSubscribe subscribe back when approving a request (CAXL {@code autoSubscription}) @return this */
        public Builder autoSubscribe(boolean autoSubscribe) {
            this.autoSubscribe = autoSubscribe;
            return this;
        }

        /**
         * How many unanswered subscription requests are kept to be replayed to new
         * {@link Roster#requests()} subscribers (one per requester). A request beyond that is
         * dropped, logged and signalled to the subscribers as an error. Default 1024.
         *
         * @param max at least 1
         * @return this
         */
        public Builder maxPendingRequests(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxPendingRequests must be at least 1, was " + max);
            }
            this.maxPendingRequests = max;
            return this;
        }

        /** @return the options */
        public RosterOptions build() {
            return new RosterOptions(this);
        }
    }
}
