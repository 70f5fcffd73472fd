package org.reactorxmpp.im.quickcontacts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.reactorxmpp.xmpp.session.BuiltInResponder;
import org.reactorxmpp.xmpp.session.DiscoIdentity;
import org.reactorxmpp.xmpp.session.EntityCaps;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Options of {@link QuickContacts}: the caps this client announces (to compute the temp-presence
 * {@code ver}) and the rate slicing of bulk operations (CAXL: 10 operations per 0.5 s). Immutable.
 *
 * <p>The session does not expose its own caps, so identity, features and caps node must match the
 * client's configuration ({@code XmppClient.Builder#identity}, {@code capabilityFeatures},
 * {@code capsNode}); the defaults match the client's defaults.
 */
public final class QuickContactsOptions {

    /** The caps feature that asks for temporary presence notifications. */
    public static final String TEMP_PRESENCE_NOTIFY = "http://webex.com/connect/temp-presence+notify";

    private static final QuickContactsOptions DEFAULTS = builder().build();

    private final DiscoIdentity identity;
    private final List<String> features;
    private final String capsNode;
    private final int sliceSize;
    private final Duration slicePeriod;
    private final Scheduler scheduler;

    private QuickContactsOptions(Builder b) {
        this.identity = b.identity;
        this.features = List.copyOf(b.features);
        this.capsNode = b.capsNode;
        this.sliceSize = b.sliceSize;
        this.slicePeriod = b.slicePeriod;
        this.scheduler = b.scheduler;
    }

    /** @return the defaults */
    public static QuickContactsOptions defaults() {
        return DEFAULTS;
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the caps node */
    public String capsNode() {
        return capsNode;
    }

    /** @return the base features (as the session advertises them) */
    public List<String> features() {
        return features;
    }

    /** @return the XEP-0115 ver of the base features plus {@link #TEMP_PRESENCE_NOTIFY} */
    public String tempVer() {
        Set<String> all = new LinkedHashSet<>(features);
        all.add(TEMP_PRESENCE_NOTIFY);
        return EntityCaps.ver(List.of(identity), all);
    }

    /** @return the XEP-0115 ver of the base features (what the session attaches to presence) */
    public String baseVer() {
        return EntityCaps.ver(List.of(identity), features);
    }

    /** @return operations per slice */
    public int sliceSize() {
        return sliceSize;
    }

    /** @return the pause between slices */
    public Duration slicePeriod() {
        return slicePeriod;
    }

    /** @return where slice delays run */
    public Scheduler scheduler() {
        return scheduler;
    }

    /** Builds {@link QuickContactsOptions}. */
    public static final class Builder {

        private DiscoIdentity identity = DiscoIdentity.of("client", "pc", "reactor-xmpp");
        private List<String> features = defaultFeatures(List.of());
        private String capsNode = "https://github.com/reactor-xmpp/reactor-xmpp";
        private int sliceSize = 10;
        private Duration slicePeriod = Duration.ofMillis(500);
        private Scheduler scheduler = Schedulers.parallel();

        private Builder() {
        }

        private static List<String> defaultFeatures(List<String> extra) {
            List<String> f = new ArrayList<>();
            for (BuiltInResponder r : BuiltInResponder.values()) {
                f.add(r.namespace());
            }
            f.add(EntityCaps.NAMESPACE);
            f.addAll(extra);
            return f;
        }

        /** @param identity the client's disco identity @return this */
        public Builder identity(DiscoIdentity identity) {
            this.identity = Objects.requireNonNull(identity, "identity");
            return this;
        }

        /**
         * @param capabilityFeatures the client's extra {@code capabilityFeatures} (added to the built-in ones)
         * @return this
         */
        public Builder capabilityFeatures(List<String> capabilityFeatures) {
            this.features = defaultFeatures(capabilityFeatures);
            return this;
        }

        /** @param node the client's caps node @return this */
        public Builder capsNode(String node) {
            this.capsNode = Objects.requireNonNull(node, "capsNode");
            return this;
        }

        /**
         * @param size operations per slice (CAXL 10)
         * @param period pause between slices (CAXL 0.5 s)
         * @return this
         */
        public Builder rate(int size, Duration period) {
            if (size < 1) {
                throw new IllegalArgumentException("slice size must be >= 1, was " + size);
            }
            if (period.isNegative()) {
                throw new IllegalArgumentException("slice period must not be negative, was " + period);
            }
            this.sliceSize = size;
            this.slicePeriod = period;
            return this;
        }

        /** @param scheduler where slice delays run (a virtual-time scheduler in tests) @return this */
        public Builder scheduler(Scheduler scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /** @return the options */
        public QuickContactsOptions build() {
            return new QuickContactsOptions(this);
        }
    }
}
