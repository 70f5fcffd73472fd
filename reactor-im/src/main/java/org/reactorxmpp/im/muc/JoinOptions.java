package org.reactorxmpp.im.muc;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * How to enter a room: the password, the history wanted, how long to wait for the room.
 *
 * <pre>{@code
 * JoinOptions options = JoinOptions.builder().password("cauldronburn").history(History.lastMessages(3))
 *     .timeout(Duration.ofSeconds(10)).build();
 * }</pre>
 *
 * @param password the room password, or {@code null}
 * @param history the history to receive
 * @param timeout how long to wait for our own presence from the room
 */
public record JoinOptions(@Nullable String password, History history, Duration timeout) {

    /** The default timeout: 30 seconds. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    private static final JoinOptions DEFAULTS = new JoinOptions(null, History.serverDefault(), DEFAULT_TIMEOUT);

    public JoinOptions {
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
    }

    /** @return no password, the room's default history, 30 s */
    public static JoinOptions defaults() {
        return DEFAULTS;
    }

    public Optional<String> passwordText() {
        return Optional.ofNullable(password);
    }

    /** @return a builder starting from these options */
    public Builder toBuilder() {
        return new Builder().password(password).history(history).timeout(timeout);
    }

    /** @return a builder with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link JoinOptions}. */
    public static final class Builder {
        private @Nullable String password;
        private History history = History.serverDefault();
        private Duration timeout = DEFAULT_TIMEOUT;

        private Builder() {
        }

        public Builder password(@Nullable String password) {
            this.password = password;
            return this;
        }

        public Builder history(History history) {
            this.history = Objects.requireNonNull(history, "history");
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        public JoinOptions build() {
            return new JoinOptions(password, history, timeout);
        }
    }
}
