package org.reactorxmpp.xmpp.sasl;

import java.util.Arrays;
import java.util.Optional;

/**
 * An exchange made of one initial response and nothing else: PLAIN, ANONYMOUS, EXTERNAL.
 * A challenge, or additional data with success, is a protocol violation. Package-private.
 */
final class InitialResponseExchange implements SaslExchange {

    private final String mechanism;
    private final byte[] initialResponse;
    private boolean failed;
    private boolean completed;

    InitialResponseExchange(String mechanism, byte[] initialResponse) {
        this.mechanism = mechanism;
        this.initialResponse = initialResponse;
    }

    @Override
    public Optional<byte[]> initialResponse() {
        if (failed || completed) {
            throw new IllegalStateException(mechanism + " exchange already " + (failed ? "failed" : "completed"));
        }
        return Optional.of(initialResponse.clone());
    }

    @Override
    public byte[] respond(byte[] challenge) {
        failed();
        throw new SaslException(SaslCondition.MALFORMED_CHALLENGE,
            mechanism + ": the server sent a challenge, but this mechanism has none");
    }

    @Override
    public void complete(Optional<byte[]> successData) {
        if (failed) {
            throw new IllegalStateException(mechanism + " exchange already failed");
        }
        completed = true;
        Arrays.fill(initialResponse, (byte) 0);
        if (successData.isPresent() && successData.get().length > 0) {
            failed = true;
            throw new SaslException(SaslCondition.MALFORMED_CHALLENGE,
                mechanism + ": the server sent additional data with success, but this mechanism has none");
        }
    }

    private void failed() {
        if (failed) {
            throw new IllegalStateException(mechanism + " exchange already failed");
        }
        failed = true;
        Arrays.fill(initialResponse, (byte) 0);
    }
}
