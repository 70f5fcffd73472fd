package org.reactorxmpp.xmpp.transport.tcp;

import java.util.List;

import reactor.core.publisher.Mono;

/**
 * Looks up DNS SRV records (RFC 2782) for {@link TcpTransport.Builder#srv}: the XMPP domain's
 * {@code _xmpps-client._tcp} (direct TLS, XEP-0368) and {@code _xmpp-client._tcp} (STARTTLS, RFC 6120 section
 * 3.2.1) services. A lookup must never block the calling thread: {@link #jndi()} runs JNDI's DNS client on
 * {@code Schedulers.boundedElastic()}; tests and applications with their own resolver implement it.
 *
 * <pre>{@code
 * TcpTransport transport = TcpTransport.builder().srv(SrvResolver.jndi()).build();   // host from DNS
 * SrvResolver fixed = name -> Mono.just(List.of(new SrvResolver.Record(0, 0, 5222, "xmpp.example.com")));
 * }</pre>
 */
@FunctionalInterface
public interface SrvResolver {

    /**
     * One SRV record.
     *
     * @param priority lower first
     * @param weight among records of one priority, larger first
     * @param port the port
     * @param target the host; {@code "."} says the service is not offered at this domain
     */
    record Record(int priority, int weight, int port, String target) {
    }

    /**
     * @param name the full SRV name, for example {@code _xmpp-client._tcp.example.com}
     * @return its records (empty when there are none), lazily; an error when the lookup itself failed
     */
    Mono<List<Record>> lookup(String name);

    /** @return JNDI's DNS client, off the event loops ({@code boundedElastic}); the system's name servers */
    static SrvResolver jndi() {
        return JndiSrvResolver.INSTANCE;
    }
}
