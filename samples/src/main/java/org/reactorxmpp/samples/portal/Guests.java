package org.reactorxmpp.samples.portal;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Provisions one fresh guest account per visitor ({@code guest1}, {@code guest2}, ...) with a random
 * password, so that each visitor's archive holds only that visitor's chat. Creating an account writes a
 * file (and derives SCRAM keys): that runs on {@code boundedElastic}, never on an event loop.
 */
final class Guests {

    /** A provisioned account. */
    record Guest(String user, String password) {
    }

    private final AtomicInteger counter = new AtomicInteger();
    private final SecureRandom random = new SecureRandom();
    private final BiConsumer<String, String> create;

    /** @param create creates an account (user, password) on the server; may block */
    Guests(BiConsumer<String, String> create) {
        this.create = create;
    }

    /** @return a new guest account, once it exists on the server */
    Mono<Guest> next() {
        return Mono.fromCallable(() -> {
            byte[] secret = new byte[12];
            random.nextBytes(secret);
            Guest guest = new Guest("guest" + counter.incrementAndGet(), HexFormat.of().formatHex(secret));
            create.accept(guest.user(), guest.password());
            return guest;
        }).subscribeOn(Schedulers.boundedElastic());
    }
}
