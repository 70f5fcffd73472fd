package org.reactorxmpp.bosh.internal;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

import org.reactorxmpp.bosh.BoshCondition;
import org.reactorxmpp.bosh.BoshException;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.reactorxmpp.xmpp.xml.XmlReader;

import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * One BOSH HTTP exchange: POST a body, parse the answer once from the aggregated Netty buffer.
 */
public final class BoshHttp {

    private static final String CONTENT_TYPE = "text/xml; charset=utf-8";

    private final HttpClient client;
    private final String url;
    private final XmlReader reader;

    /**
     * @param client the HTTP client (shared)
     * @param settings the transport settings
     */
    public BoshHttp(HttpClient client, BoshSettings settings) {
        this.client = client.headers(h -> h.set(HttpHeaderNames.CONTENT_TYPE, CONTENT_TYPE));
        this.url = settings.url().toString();
        this.reader = XmlReader.create(settings.xmlLimits());
    }

    /**
     * The HTTP client shared by every BOSH transport that is not given one: Reactor Netty's global event
     * loops and a dedicated connection pool sized for long-held requests (thousands of sessions hold
     * one or two connections each).
     *
     * @return the shared client
     */
    public static HttpClient sharedClient() {
        return Shared.CLIENT;
    }

    private static final class Shared {
        static final HttpClient CLIENT = HttpClient.create(ConnectionProvider.builder("reactor-xmpp-bosh")
                .maxConnections(20_000)
                .pendingAcquireMaxCount(-1)
                .pendingAcquireTimeout(Duration.ofSeconds(45))
                .maxIdleTime(Duration.ofSeconds(30))
                .build())
            .keepAlive(true);
    }

    /**
     * POSTs a body. Lazy. Errors: {@link BoshException} for a terminal HTTP status or a malformed body,
     * {@link RetryableException} for a 5xx status; anything else (timeouts, I/O) is the raw failure.
     *
     * @param body the request bytes
     * @param timeout how long to wait for the response
     * @param onWritten run once the request has been written to the connection
     * @return the parsed response {@code <body/>}
     */
    public Mono<XmlElement> post(byte[] body, Duration timeout, Runnable onWritten) {
        return client.post()
            .uri(url)
            .send((req, out) -> {
                req.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(body.length));
                return out.sendByteArray(Mono.just(body)).then(Mono.fromRunnable(onWritten));
            })
            .responseSingle((res, content) -> {
                int status = res.status().code();
                if (status >= 500) {
                    return Mono.error(new RetryableException("HTTP " + status));
                }
                if (status != 200) {
                    return Mono.error(BoshException.httpStatus(status));
                }
                return content.asInputStream()
                    .map(this::parse)
                    .switchIfEmpty(Mono.error(() -> BoshException.client(BoshCondition.PROTOCOL_VIOLATION,
                        "BOSH response with an empty HTTP body", null)));
            })
            .timeout(timeout, Mono.error(() -> new RetryableException("no response within " + timeout)));
    }

    private XmlElement parse(InputStream in) {
        try (in) {
            XmlElement body = reader.read(in);
            if (!body.is(BoshBodies.HTTPBIND_NS, "body")) {
                throw BoshException.client(BoshCondition.PROTOCOL_VIOLATION,
                    "BOSH response is not a <body/> in " + BoshBodies.HTTPBIND_NS + " but " + body.name(), null);
            }
            return body;
        } catch (IOException e) {
            throw new RetryableException("reading the response failed: " + e.getMessage());
        } catch (org.reactorxmpp.xmpp.xml.XmlException e) {
            throw BoshException.client(BoshCondition.PROTOCOL_VIOLATION, "malformed BOSH response: " + e.getMessage(), e);
        }
    }

    /** A failure worth a resend: HTTP 5xx, no response in time, an unreadable response. */
    public static final class RetryableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RetryableException(String message) {
            super(message, null, false, false);
        }
    }
}
