package org.reactorxmpp.xmpp.sasl;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Picks the mechanism to use: the first of the client's enabled mechanisms, in preference order,
 * that the server offers and that the transport allows. A mechanism that
 * {@linkplain SaslMechanism#sendsPasswordInClear() sends the password in clear} is skipped over an
 * unencrypted transport unless {@code unsecureAllowed} is set (CAXL's option of that name, default
 * {@code false}). Immutable and thread-safe.
 *
 * <pre>{@code
 * SaslMechanismSelector selector = SaslMechanismSelector.builder()
 *     .enabledMechanisms(List.of("SCRAM-SHA-256", "DIGEST-MD5", "PLAIN"))
 *     .unsecureAllowed(false)
 *     .build();
 * SaslMechanism chosen = selector.select(offeredNames, transportEncrypted);
 * }</pre>
 */
public final class SaslMechanismSelector {

    private static final int MAX_OFFERED_IN_MESSAGE = 32;

    private final List<SaslMechanism> mechanisms;
    private final boolean unsecureAllowed;

    private SaslMechanismSelector(List<SaslMechanism> mechanisms, boolean unsecureAllowed) {
        this.mechanisms = mechanisms;
        this.unsecureAllowed = unsecureAllowed;
    }

    /** @return a builder preset to {@link SaslMechanisms#DEFAULT_PREFERENCE} and {@code unsecureAllowed=false} */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a selector with the default preference, refusing clear-text passwords over unencrypted transports */
    public static SaslMechanismSelector defaults() {
        return builder().build();
    }

    /** @return the enabled mechanisms, most preferred first */
    public List<SaslMechanism> mechanisms() {
        return mechanisms;
    }

    /** @return whether mechanisms that send the password in clear may be used over an unencrypted transport */
    public boolean unsecureAllowed() {
        return unsecureAllowed;
    }

    /**
     * Chooses a mechanism.
     *
     * @param offered the mechanism names from the server's {@code <mechanisms/>} feature
     * @param secureTransport whether the transport is encrypted (TLS, HTTPS)
     * @return the first enabled mechanism that is offered and allowed
     * @throws SaslException with {@link SaslCondition#NO_ACCEPTABLE_MECHANISM} when none fits; the
     *     message lists what was enabled, what the server offered, and why each was excluded
     */
    public SaslMechanism select(Collection<String> offered, boolean secureTransport) {
        Set<String> offeredNames = new LinkedHashSet<>();
        for (String name : offered) {
            String trimmed = name.trim();
            if (!trimmed.isEmpty()) {
                offeredNames.add(trimmed.toUpperCase(Locale.ROOT));
            }
        }
        List<String> reasons = new ArrayList<>();
        for (SaslMechanism mechanism : mechanisms) {
            String name = mechanism.name().toUpperCase(Locale.ROOT);
            if (!offeredNames.contains(name)) {
                reasons.add(mechanism.name() + " not offered by the server");
            } else if (mechanism.sendsPasswordInClear() && !secureTransport && !unsecureAllowed) {
                reasons.add(mechanism.name() + " refused over an unencrypted transport (it sends the password in clear;"
                    + " set unsecureAllowed to allow it)");
            } else {
                return mechanism;
            }
        }
        throw new SaslException(SaslCondition.NO_ACCEPTABLE_MECHANISM, "no acceptable SASL mechanism: enabled "
            + names(mechanisms) + ", server offered " + describe(offeredNames) + "; " + String.join("; ", reasons));
    }

    private static String names(List<SaslMechanism> mechanisms) {
        List<String> names = new ArrayList<>(mechanisms.size());
        for (SaslMechanism m : mechanisms) {
            names.add(m.name());
        }
        return names.toString();
    }

    private static String describe(Set<String> offered) {
        List<String> shown = new ArrayList<>();
        for (String name : offered) {
            if (shown.size() == MAX_OFFERED_IN_MESSAGE) {
                shown.add("... " + (offered.size() - MAX_OFFERED_IN_MESSAGE) + " more");
                break;
            }
            shown.add(SaslText.printable(name, 40));
        }
        return shown.toString();
    }

    @Override
    public String toString() {
        return "SaslMechanismSelector" + names(mechanisms) + (unsecureAllowed ? " unsecureAllowed" : "");
    }

    /** Builds a {@link SaslMechanismSelector}. Not thread-safe. */
    public static final class Builder {

        private List<SaslMechanism> mechanisms = new ArrayList<>();
        private boolean unsecureAllowed;

        private Builder() {
            enabledMechanisms(SaslMechanisms.DEFAULT_PREFERENCE);
        }

        /**
         * Enables mechanisms by name, most preferred first (CAXL's {@code enabledMechanisms}).
         *
         * @param names registered names known to {@link SaslMechanisms#byName(String)}
         * @return this builder
         * @throws IllegalArgumentException for a name this library does not implement, or an empty list
         */
        public Builder enabledMechanisms(List<String> names) {
            List<SaslMechanism> resolved = new ArrayList<>(names.size());
            for (String name : names) {
                resolved.add(SaslMechanisms.byName(name).orElseThrow(
                    () -> new IllegalArgumentException("unknown SASL mechanism '" + name + "'")));
            }
            return mechanisms(resolved);
        }

        /**
         * Enables mechanism instances, most preferred first (for tuned or custom mechanisms).
         *
         * @param mechanisms the mechanisms; duplicates by name are dropped after the first
         * @return this builder
         * @throws IllegalArgumentException for an empty list
         */
        public Builder mechanisms(List<? extends SaslMechanism> mechanisms) {
            if (mechanisms.isEmpty()) {
                throw new IllegalArgumentException("at least one SASL mechanism must be enabled");
            }
            List<SaslMechanism> unique = new ArrayList<>(mechanisms.size());
            Set<String> seen = new LinkedHashSet<>();
            for (SaslMechanism m : mechanisms) {
                Objects.requireNonNull(m, "mechanism");
                if (seen.add(m.name().toUpperCase(Locale.ROOT))) {
                    unique.add(m);
                }
            }
            this.mechanisms = unique;
            return this;
        }

        /**
         * @param unsecureAllowed whether mechanisms that send the password in clear may be used over
         *     an unencrypted transport; {@code false} by default
         * @return this builder
         */
        public Builder unsecureAllowed(boolean unsecureAllowed) {
            this.unsecureAllowed = unsecureAllowed;
            return this;
        }

        /** @return the selector */
        public SaslMechanismSelector build() {
            return new SaslMechanismSelector(List.copyOf(mechanisms), unsecureAllowed);
        }
    }
}
