package org.reactorxmpp.im.roster;

import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Options of a {@link Roster}: store and versioning, default group, and the CAXL subscription
 * policies. Immutable.
 *
 * <pre>{@code
 * RosterOptions options = RosterOptions.builder()
 *     .store(store).versioning(true)
 *     .autoAccept(AutoAccept.IN_ROSTER).autoAcceptInDomain(true).autoSubscribe(true)
 *     .build();
 * }</pre>
 */
public final class RosterOptions {

    private static final RosterOptions DEFAULTS = builder().build();

    private final RosterStore store;
    private final boolean versioning;
    private final boolean preApproval;
    private final @Nullable String defaultGroup;
    private final AutoAccept autoAccept;
    private final boolean autoAcceptInDomain;
    private final boolean autoRemove;
    private final boolean autoSubscribe;

    private RosterOptions(Builder b) {
        this.store = b.store == null ? RosterStore.inMemory() : b.store;
        this.versioning = b.versioning;
        this.preApproval = b.preApproval;
        this.defaultGroup = b.defaultGroup;
        this.autoAccept = b.autoAccept;
        this.autoAcceptInDomain = b.autoAcceptInDomain;
        this.autoRemove = b.autoRemove;
        this.autoSubscribe = b.autoSubscribe;
    }

    /** @return the defaults: in-memory store, no versioning, no default group, {@link AutoAccept#NEVER}, no auto policies */
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

    /** @return whether roster gets carry the stored version ({@code ver}) */
    public boolean versioning() {
        return versioning;
    }

    /** @return whether the server supports subscription pre-approval */
    public boolean preApproval() {
        return preApproval;
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

    /** Builds {@link RosterOptions}. */
    public static final class Builder {

        private @Nullable RosterStore store;
        private boolean versioning;
        private boolean preApproval;
        private @Nullable String defaultGroup;
        private AutoAccept autoAccept = AutoAccept.NEVER;
        private boolean autoAcceptInDomain;
        private boolean autoRemove;
        private boolean autoSubscribe;

        private Builder() {
        }

        /** @param store where the roster is kept; default a new in-memory store @return this */
        public Builder store(RosterStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * Roster versioning (RFC 6121 2.6). A client may send {@code ver} only when the server
         * advertised {@code <ver xmlns='urn:xmpp:features:rosterver'/>}; the session API does not
         * expose stream features yet, so the application states it. Default {@code false}.
         *
         * @param versioning whether the server advertises roster versioning
         * @return this
         */
        public Builder versioning(boolean versioning) {
            this.versioning = versioning;
            return this;
        }

        /**
         * @param preApproval whether the server advertises {@code <sub xmlns='urn:xmpp:features:pre-approval'/>};
         *     default {@code false}: {@link Roster#preApprove} fails
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

        /** @return the options */
        public RosterOptions build() {
            return new RosterOptions(this);
        }
    }
}
