package org.reactorxmpp.im.quickcontacts;

import java.time.Duration;
import java.util.Objects;

import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Options of {@link QuickContacts}: the rate slicing of bulk operations (CAXL: 10 operations per
 * 0.5 s). Immutable. The caps in the temporary-subscription presence come from the session's own
 * {@link org.reactorxmpp.xmpp.session.Capabilities} (its identities and features plus
 * {@value #TEMP_PRESENCE_NOTIFY}), so nothing about the client's caps is repeated here.
 *
 * <pre>{@code
 * QuickContacts quick = QuickContacts.of(session, QuickContactsOptions.builder().rate(5, Duration.ofSeconds(1)).build());
 * }</pre>
 */
public final class QuickContactsOptions {

    /** The caps feature that asks for temporary presence notifications. */
    public static final String TEMP_PRESENCE_NOTIFY = "http://webex.com/connect/temp-presence+notify";

    private static final QuickContactsOptions DEFAULTS = builder().build();

    private final int sliceSize;
    private final Duration slicePeriod;
    private final Scheduler scheduler;

    private QuickContactsOptions(Builder b) {
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

    @Override
    public String toString() {
        return "QuickContactsOptions{" + sliceSize + " per " + slicePeriod + "}";
    }

    /** Builds {@link QuickContactsOptions}. */
    public static final class Builder {

        private int sliceSize = 10;
        private Duration slicePeriod = Duration.ofMillis(500);
        private Scheduler scheduler = Schedulers.parallel();

        private Builder() {
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
