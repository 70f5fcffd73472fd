package org.reactorxmpp.bosh.fleet.internal;

import java.util.function.Function;
import java.util.function.Supplier;

import org.reactorxmpp.bosh.fleet.FleetAccount;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What the fleet does with one kind of session: log in, attach and detach its state, watch its checkpoints and end,
 * run the application's handler. {@link XmppDriver} for XMPP sessions; tests drive the placement logic with fakes.
 *
 * @param <S> the session type
 */
interface SessionDriver<S> {

    /** Logs the account in (SASL, bind, presence). */
    Mono<S> login(FleetAccount account);

    /** Takes over a live session from its serialized state: no SASL, no bind. */
    Mono<S> attach(FleetAccount account, byte[] state);

    /** Stops using the session without ending it on the server. */
    Mono<byte[]> detach(S session);

    /** The session's latest state each time it changes; serialized only when called (latest-wins writers skip most). */
    Flux<Supplier<byte[]>> checkpoints(S session);

    /**
     * Write-ahead checkpoints: each state is stored with {@code store} before the requests it carries go out; runs
     * until cancelled or the session ends.
     */
    Mono<Void> checkpointsAhead(S session, Function<Supplier<byte[]>, Mono<Void>> store);

    /** Completes (or errors with the cause) when the session ended. */
    Mono<Void> onClose(S session);

    /** Ends the session on the server (logout). */
    Mono<Void> close(S session);

    /** Runs the application's handler on the session; disposing it cancels the handler. */
    Disposable run(S session);
}
