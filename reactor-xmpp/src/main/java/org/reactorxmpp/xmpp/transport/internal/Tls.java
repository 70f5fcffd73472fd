package org.reactorxmpp.xmpp.transport.internal;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.List;
import java.util.Locale;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.transport.TransportException;
import org.reactorxmpp.xmpp.transport.TransportTlsException;

/** TLS for the socket transports: verifying client handlers, and failures mapped to typed exceptions. */
public final class Tls {

    private Tls() {
    }

    /**
     * @param trust the trust managers, or {@code null} for the JVM's default trust store
     * @return a client context
     */
    public static SslContext clientContext(@Nullable TrustManagerFactory trust) {
        try {
            SslContextBuilder b = SslContextBuilder.forClient();
            if (trust != null) {
                b.trustManager(trust);
            }
            return b.build();
        } catch (SSLException e) {
            throw new TransportTlsException(TransportTlsException.Reason.HANDSHAKE_FAILED,
                "cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /**
     * A handler whose engine checks the certificate chain (by the context's trust managers) and that the
     * certificate is issued for {@code serverName} (RFC 6125, as HTTPS does), and sends it as SNI.
     *
     * @param context the client context
     * @param alloc the channel's allocator
     * @param serverName the name the certificate must carry: the XMPP domain, or the URL's host
     * @param port the port (a hint for session resumption)
     * @return the handler, to be added first in the pipeline
     */
    public static SslHandler handler(SslContext context, ByteBufAllocator alloc, String serverName, int port) {
        SslHandler handler = context.newHandler(alloc, serverName, port);
        SSLEngine engine = handler.engine();
        SSLParameters params = engine.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        if (!serverName.isEmpty() && !Character.isDigit(serverName.charAt(serverName.length() - 1))
            && !serverName.contains(":")) {
            params.setServerNames(List.of(new SNIHostName(serverName)));
        }
        engine.setSSLParameters(params);
        return handler;
    }

    /** @return whether the failure came from TLS (the handshake, or a record that did not decrypt) */
    public static boolean isTls(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SSLException) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param error a handshake failure
     * @param serverName the name the certificate was checked against
     * @return a {@link TransportTlsException} naming the problem
     */
    public static TransportException map(Throwable error, String serverName) {
        if (error instanceof TransportException e) {
            return e;
        }
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (m.contains("no subject alternative") || m.contains("no name matching")) {
                return new TransportTlsException(TransportTlsException.Reason.HOSTNAME_MISMATCH,
                    "the server's certificate is not issued for " + serverName + ": " + t.getMessage(), error);
            }
            if (m.contains("unrecognized_name")) {
                // the server itself says it has no certificate for the name asked for (SNI)
                return new TransportTlsException(TransportTlsException.Reason.HOSTNAME_MISMATCH,
                    "the server has no certificate for " + serverName + ": " + t.getMessage(), error);
            }
            if (t instanceof CertPathBuilderException || t instanceof CertPathValidatorException
                || t instanceof CertificateExpiredException || t instanceof CertificateNotYetValidException
                || m.contains("unable to find valid certification path")) {
                return new TransportTlsException(TransportTlsException.Reason.UNTRUSTED_CERTIFICATE,
                    "the server's certificate is not trusted: " + t.getMessage(), error);
            }
        }
        return new TransportTlsException(TransportTlsException.Reason.HANDSHAKE_FAILED,
            "TLS handshake with " + serverName + " failed: " + error, error);
    }
}
