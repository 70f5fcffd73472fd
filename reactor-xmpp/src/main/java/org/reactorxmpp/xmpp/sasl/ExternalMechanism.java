package org.reactorxmpp.xmpp.sasl;

/**
 * EXTERNAL (RFC 4422 appendix A): authentication established outside SASL (a TLS client
 * certificate); the initial response is the authorization identity, or empty to let the server
 * derive it. Package-private; obtain it from {@link SaslMechanisms#external()}.
 */
final class ExternalMechanism implements SaslMechanism {

    static final String NAME = "EXTERNAL";
    static final ExternalMechanism INSTANCE = new ExternalMechanism();

    private ExternalMechanism() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean sendsPasswordInClear() {
        return false;
    }

    @Override
    public SaslExchange start(SaslCredentials credentials) {
        return new InitialResponseExchange(NAME, SaslText.utf8(credentials.authzid().orElse("")));
    }

    @Override
    public String toString() {
        return NAME;
    }
}
