package org.reactorxmpp.xmpp.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.TrustManagerFactory;

/**
 * A throw-away certificate authority and a server certificate it signed, made with the {@code openssl} command
 * (in a temporary directory, once per JVM and host name): for servers that offer STARTTLS and direct TLS, and
 * for clients that trust exactly this CA ({@link #trust()}).
 *
 * <pre>{@code
 * TestCertificates certs = TestCertificates.forHost("localhost");
 * ProsodyServer prosody = ProsodyServer.builder().tls(certs).build();
 * TcpTransport.builder().host("127.0.0.1").port(prosody.c2sPort()).trustManagerFactory(certs.trust()).build();
 * }</pre>
 *
 * @param host the DNS name in the server certificate (its subject alternative name)
 * @param caCertificate the CA's certificate (PEM)
 * @param certificate the server's certificate (PEM)
 * @param key the server's private key (PEM, unencrypted)
 * @param combined certificate then key in one PEM file (ejabberd's {@code certfiles})
 */
public record TestCertificates(String host, Path caCertificate, Path certificate, Path key, Path combined) {

    private static final java.util.Map<String, TestCertificates> MADE = new java.util.HashMap<>();

    /**
     * @param host the name the server certificate is issued for
     * @return the certificates, made on the first call for that name in this JVM
     */
    public static synchronized TestCertificates forHost(String host) {
        return MADE.computeIfAbsent(host, TestCertificates::make);
    }

    private static TestCertificates make(String host) {
        try {
            Path dir = Files.createTempDirectory("test-certs-");
            dir.toFile().deleteOnExit();
            Path caKey = dir.resolve("ca.key");
            Path ca = dir.resolve("ca.crt");
            Path key = dir.resolve(host + ".key");
            Path csr = dir.resolve(host + ".csr");
            Path crt = dir.resolve(host + ".crt");
            Path ext = dir.resolve("san.ext");
            openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", caKey.toString(), "-out",
                ca.toString(), "-days", "2", "-subj", "/CN=reactor-xmpp test CA");
            openssl(dir, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(), "-out", csr.toString(),
                "-subj", "/CN=" + host);
            Files.writeString(ext, "subjectAltName=DNS:" + host + "\nbasicConstraints=CA:FALSE\n"
                + "keyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n");
            openssl(dir, "x509", "-req", "-in", csr.toString(), "-CA", ca.toString(), "-CAkey", caKey.toString(),
                "-CAcreateserial", "-out", crt.toString(), "-days", "2", "-extfile", ext.toString());
            Path combined = dir.resolve(host + ".pem");
            Files.writeString(combined, Files.readString(crt) + Files.readString(key));
            return new TestCertificates(host, ca, crt, key, combined);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make test certificates", e);
        }
    }

    private static void openssl(Path dir, String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
            .redirectOutput(dir.resolve("openssl.log").toFile()).start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("openssl " + args[0] + " failed: "
                    + Files.readString(dir.resolve("openssl.log")));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running openssl", e);
        }
    }

    /** @return trust managers that trust exactly this CA */
    public TrustManagerFactory trust() {
        try (InputStream in = Files.newInputStream(caCertificate)) {
            Certificate ca = CertificateFactory.getInstance("X.509").generateCertificate(in);
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            store.setCertificateEntry("test-ca", ca);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the test CA", e);
        }
    }

    /**
     * @param error what a connect failed with
     * @return the {@link org.reactorxmpp.xmpp.transport.TransportTlsException} in its causes, or {@code null}
     */
    public static org.reactorxmpp.xmpp.transport.@org.jspecify.annotations.Nullable TransportTlsException tlsCause(
        Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof org.reactorxmpp.xmpp.transport.TransportTlsException tls) {
                return tls;
            }
        }
        return null;
    }
}
