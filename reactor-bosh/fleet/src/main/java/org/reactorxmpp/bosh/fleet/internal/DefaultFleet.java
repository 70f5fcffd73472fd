package org.reactorxmpp.bosh.fleet.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.bosh.fleet.Fleet;
import org.reactorxmpp.bosh.fleet.FleetAccount;
import org.reactorxmpp.bosh.fleet.FleetEvent;
import org.reactorxmpp.bosh.fleet.FleetException;
import org.reactorxmpp.bosh.fleet.FleetMetrics;
import org.reactorxmpp.bosh.fleet.MemberMetrics;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The fleet member. Placement state (which account runs here, in which phase) lives on one control thread, a
 * one-thread bounded-elastic scheduler where Hazelcast's blocking start and shutdown may run; Hazelcast's callbacks
 * and completions only hop onto it. A pass compares the partitions this member owns with the sessions it runs:
 * an owned account without a session starts (map entry: none = login, detached = attach, checkpoint of a dead member
 * = takeover, checkpoint of a live member = wait for its handoff), a running session whose partition moved away is
 * handed off. Passes run on every ownership event and every tick.
 */
final class DefaultFleet<S> implements Fleet {

    private static final Logger log = LoggerFactory.getLogger(DefaultFleet.class);

    /** The limit of one login or attach, so that a stuck one frees its place. */
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(90);

    private enum State { NEW, STARTED, STOPPING, STOPPED }

    private final FleetSettings settings;
    private final SessionDriver<S> driver;
    private final Map<String, FleetAccount> accounts;
    private final Scheduler control;
    private final Scheduler checkpoints;
    private final Scheduler io;
    private final Sinks.Many<FleetEvent> events = Sinks.many().multicast().directBestEffort();
    private final Counters counters = new Counters();
    private final Set<BareJid> local = ConcurrentHashMap.newKeySet();
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private final AtomicBoolean passPending = new AtomicBoolean();
    private final Sinks.Empty<Void> drained = Sinks.empty();
    private final Sinks.Empty<Void> stopped = Sinks.empty();

    // control thread only
    private final Map<String, Slot<S>> slots = new HashMap<>();
    private final Map<String, Long> waitingSince = new HashMap<>();
    private int starting;

    private volatile @Nullable HazelcastInstance hz;
    private volatile @Nullable IMap<String, byte[]> map;
    private volatile @Nullable IMap<String, MemberMetrics> members;
    private volatile UUID self = new UUID(0, 0);
    private volatile String name = "";
    private volatile @Nullable Disposable ticker;

    DefaultFleet(FleetSettings settings, SessionDriver<S> driver) {
        this.settings = settings;
        this.driver = driver;
        this.accounts = settings.byKey();
        this.control = Schedulers.newBoundedElastic(1, Integer.MAX_VALUE, "fleet-control", 60, true);
        this.checkpoints = Schedulers.newBoundedElastic(2, Integer.MAX_VALUE, "fleet-checkpoints", 60, true);
        this.io = Schedulers.newBoundedElastic(4, Integer.MAX_VALUE, "fleet-io", 60, true);
    }

    @Override
    public Mono<Void> start() {
        return Mono.<Void>fromRunnable(this::join).subscribeOn(control).doOnSuccess(v -> requestPass());
    }

    private void join() {
        if (!state.compareAndSet(State.NEW, State.STARTED)) {
            throw new IllegalStateException("this fleet member was started before");
        }
        HazelcastInstance instance = Hazelcast.newHazelcastInstance(settings.hazelcast());
        Member me = instance.getCluster().getLocalMember();
        self = me.getUuid();
        String configured = settings.memberName();
        name = configured != null ? configured : me.getAddress().getHost() + ":" + me.getAddress().getPort();
        map = instance.getMap(settings.mapName());
        members = instance.getMap(settings.mapName() + "-members");
        OwnershipListener listener = new OwnershipListener(this::requestPass);
        instance.getPartitionService().addMigrationListener(listener);
        instance.getPartitionService().addPartitionLostListener(listener);
        instance.getCluster().addMembershipListener(listener);
        hz = instance;
        ticker = Flux.interval(settings.tick(), settings.tick(), control).subscribe(i -> pass());
        log.info("fleet member {} joined cluster {} ({} members), {} accounts declared", name,
            settings.hazelcast().getClusterName(), instance.getCluster().getMembers().size(), accounts.size());
    }

    /** Any thread: schedules one pass on the control thread (requests while one is pending coalesce). */
    private void requestPass() {
        if (passPending.compareAndSet(false, true)) {
            control.schedule(() -> {
                passPending.set(false);
                pass();
            });
        }
    }

    private void pass() {
        HazelcastInstance instance = hz;
        if (instance == null || state.get() != State.STARTED) {
            return;
        }
        try {
            for (Map.Entry<String, FleetAccount> e : accounts.entrySet()) {
                String key = e.getKey();
                Slot<S> slot = slots.get(key);
                if (slot == null) {
                    if (starting < settings.concurrency() && ownsLocally(instance, key)) {
                        begin(key, e.getValue());
                    }
                } else if (slot.phase == Slot.Phase.RUNNING && !ownsLocally(instance, key)) {
                    leave(key, slot, true);
                }
            }
            publishMetrics();
        } catch (RuntimeException e) {
            log.warn("fleet member {}: placement pass failed", name, e);
        }
    }

    private static boolean ownsLocally(HazelcastInstance instance, String key) {
        Member owner = instance.getPartitionService().getPartition(key).getOwner();
        return owner != null && owner.localMember();
    }

    private boolean alive(UUID member) {
        HazelcastInstance instance = hz;
        return instance != null && instance.getCluster().getMembers().stream().anyMatch(m -> m.getUuid().equals(member));
    }

    // ---- starting a session ----

    private void begin(String key, FleetAccount account) {
        Slot<S> slot = new Slot<>();
        slots.put(key, slot);
        starting++;
        long start = System.nanoTime();
        IMap<String, byte[]> entries = requireMap();
        Mono.fromCompletionStage(() -> entries.getAsync(key))
            .publishOn(control)
            .map(bytes -> decide(key, account, bytes))
            .switchIfEmpty(Mono.fromSupplier(() -> decide(key, account, null)))
            .flatMap(attempt -> attempt.timeout(ATTEMPT_TIMEOUT))
            .publishOn(control)
            .subscribe(attempt -> started(key, slot, attempt, start), error -> startFailed(key, slot, error, start));
    }

    /**
     * Control thread: what to do with the account's map entry ({@code null}: none). Every start first claims the
     * entry with a compare-and-set against what was read; when another member changed it meanwhile, this member
     * waits for the next pass. A claim of an account that had a session keeps the state it resumes from
     * ({@link HandoverEntry.Kind#RECLAIMED}): when the claiming member dies before its first checkpoint, the next
     * owner resumes from that state, and every login of an account that had a session is reported as a re-login.
     */
    private Mono<Attempt<S>> decide(String key, FleetAccount account, byte @Nullable [] bytes) {
        if (bytes == null) {
            return claimed(key, null, HandoverEntry.claimed(self), login(account, FleetEvent.Kind.LOGGED_IN, null));
        }
        HandoverEntry entry = HandoverEntry.decode(bytes);
        if (entry.kind() == HandoverEntry.Kind.DETACHED) {
            return resume(key, bytes, account, entry.state(), FleetEvent.Kind.ATTACHED);
        }
        if (entry.kind() == HandoverEntry.Kind.ENDED) {
            return relogin(key, bytes, account, "its session had ended");
        }
        boolean mine = entry.owner().equals(self);
        String holder = "member " + entry.owner();
        if (!mine && alive(entry.owner())) {
            long since = waitingSince.computeIfAbsent(key, k -> System.nanoTime());
            if (System.nanoTime() - since < settings.handoffTimeout().toNanos()) {
                return Mono.just(Attempt.waiting());
            }
            log.warn("fleet member {}: {} did not hand {} off within {}: taking it over", name, holder, key,
                settings.handoffTimeout());
            holder += " (alive, did not hand it off within " + settings.handoffTimeout() + ")";
        }
        switch (entry.kind()) {
            case CLAIMED:
                // no session existed before: this member's own first login failed (reported as FAILED), or the
                // member that claimed it left while logging it in (it may have authenticated: a re-login)
                return mine
                    ? claimed(key, bytes, HandoverEntry.claimed(self), login(account, FleetEvent.Kind.LOGGED_IN, null))
                    : relogin(key, bytes, account, holder + " left while logging it in");
            case RECLAIMED:
                if (entry.state().length == 0) {
                    return relogin(key, bytes, account, mine ? "its login again failed on this member"
                        : holder + " left while logging it in again");
                }
                return resume(key, bytes, account, entry.state(), FleetEvent.Kind.TAKEN_OVER);
            case CHECKPOINT:
            default:
                return mine ? relogin(key, bytes, account, "its session had ended on this member")
                    : resume(key, bytes, account, entry.state(), FleetEvent.Kind.TAKEN_OVER);
        }
    }

    /** Claims the entry keeping {@code state}, then attaches from it (a re-login, reported, when that fails). */
    private Mono<Attempt<S>> resume(String key, byte[] expected, FleetAccount account, byte[] state,
                                    FleetEvent.Kind kind) {
        return claimed(key, expected, HandoverEntry.reclaimed(self, state), attach(account, state, kind));
    }

    /** Claims the entry of an account that had a session, then logs it in again, reported with {@code cause}. */
    private Mono<Attempt<S>> relogin(String key, byte[] expected, FleetAccount account, String cause) {
        return claimed(key, expected, HandoverEntry.reclaimed(self, new byte[0]),
            login(account, FleetEvent.Kind.RELOGGED_IN, cause));
    }

    /**
     * Runs {@code then} once this member claimed the account's entry: put-if-absent ({@code expected} null) or
     * replace-if-unchanged, on the fleet's I/O thread (Hazelcast has no asynchronous form of either).
     */
    private Mono<Attempt<S>> claimed(String key, byte @Nullable [] expected, HandoverEntry claim,
                                     Mono<Attempt<S>> then) {
        IMap<String, byte[]> m = requireMap();
        byte[] mine = claim.encode();
        return Mono.fromCallable(() -> expected == null ? m.putIfAbsent(key, mine) == null
                : m.replace(key, expected, mine))
            .subscribeOn(io)
            .flatMap(won -> won ? then : Mono.just(Attempt.<S>waiting()));
    }

    private Mono<Attempt<S>> login(FleetAccount account, FleetEvent.Kind kind, @Nullable String cause) {
        // the client (and its password supplier) is made on the control thread, never on an event loop
        return driver.login(account).subscribeOn(control).map(s -> running(account, s, kind, cause));
    }

    private Mono<Attempt<S>> attach(FleetAccount account, byte[] state, FleetEvent.Kind kind) {
        return driver.attach(account, state).subscribeOn(control)
            .map(s -> running(account, s, kind, null))
            .onErrorResume(e -> login(account, FleetEvent.Kind.RELOGGED_IN,
                (kind == FleetEvent.Kind.ATTACHED ? "handoff" : "takeover") + " failed: " + e));
    }

    /**
     * Runs where the session is handed out (its thread, often an event loop; nothing here blocks), before what it
     * received meanwhile is delivered: what an attached session's first answer carries (stanzas sent to it during
     * the handoff) reaches the handler instead of a session nobody listens to yet. Checkpoints first: with
     * write-ahead, the handler's first reply already waits for its checkpoint.
     */
    private Attempt<S> running(FleetAccount account, S session, FleetEvent.Kind kind, @Nullable String cause) {
        String key = account.bareJid().toString();
        Checkpointer checkpointer = settings.writeAhead()
            ? Checkpointer.ahead(key, store -> driver.checkpointsAhead(session, store), requireMap(), self, checkpoints,
                counters)
            : Checkpointer.after(key, driver.checkpoints(session), requireMap(), self, checkpoints, counters);
        return Attempt.of(session, kind, cause, checkpointer, driver.run(session));
    }

    private void started(String key, Slot<S> slot, Attempt<S> attempt, long start) {
        starting--;
        S session = attempt.session();
        FleetEvent.Kind kind = attempt.kind();
        Checkpointer checkpointer = attempt.checkpointer();
        Disposable handler = attempt.handler();
        if (session == null || kind == null || checkpointer == null || handler == null) {
            slots.remove(key);
            checkDrained();
            return;
        }
        waitingSince.remove(key);
        FleetAccount account = accounts.get(key);
        slot.run(session, handler, checkpointer);
        local.add(account.bareJid());
        emit(kind, key, start, attempt.cause());
        slot.watch = driver.onClose(session)
            .map(v -> "the session closed")
            .onErrorResume(e -> Mono.just(e.toString()))
            .defaultIfEmpty("the session closed")
            .publishOn(control)
            .subscribe(cause -> ended(key, slot, cause));
        HazelcastInstance instance = hz;
        if (state.get() != State.STARTED || instance == null || !ownsLocally(instance, key)) {
            leave(key, slot, state.get() == State.STARTED || others());
        }
        requestPass();
    }

    private void startFailed(String key, Slot<S> slot, Throwable error, long start) {
        starting--;
        if (slots.get(key) == slot) {
            slots.remove(key);
        }
        emit(FleetEvent.Kind.FAILED, key, start, error.toString());
        checkDrained();
    }

    // ---- ending and handing off ----

    /** Control thread: the session ended by itself; the next owner (maybe this member) logs in again. */
    private void ended(String key, Slot<S> slot, String cause) {
        if (slots.get(key) != slot || slot.phase != Slot.Phase.RUNNING) {
            return;
        }
        slot.phase = Slot.Phase.ENDING;
        slot.disposeHandler();
        local.remove(accounts.get(key).bareJid());
        long start = System.nanoTime();
        stopCheckpoints(slot)
            .then(write(key, HandoverEntry.ended(self)))
            .onErrorResume(e -> Mono.empty())
            .publishOn(control)
            .doFinally(signal -> {
                slots.remove(key);
                emit(FleetEvent.Kind.ENDED, key, start, cause);
                checkDrained();
                requestPass();
            })
            .subscribe();
    }

    /**
     * Control thread: hands the session off (detach, store the state for the next owner) or, when this is the last
     * member and it stops, closes it.
     */
    private void leave(String key, Slot<S> slot, boolean handOff) {
        S session = slot.session;
        if (session == null) {
            return;
        }
        slot.phase = Slot.Phase.LEAVING;
        slot.stopWatching();
        local.remove(accounts.get(key).bareJid());
        long start = System.nanoTime();
        Mono<Boolean> done = handOff
            // detach before the handler goes: every stanza the session received reached the handler
            ? stopCheckpoints(slot).then(driver.detach(session))
                .flatMap(state -> write(key, HandoverEntry.detached(self, state)).thenReturn(true))
            : stopCheckpoints(slot).then(driver.close(session)).thenReturn(false);
        done.publishOn(control).subscribe(
            handedOff -> {
                slot.disposeHandler();
                slots.remove(key);
                if (handedOff) {
                    emit(FleetEvent.Kind.HANDED_OFF, key, start, null);
                }
                checkDrained();
            },
            error -> {
                slot.disposeHandler();
                log.warn("fleet member {}: {} could not be handed off: {}", name, key, error.toString());
                // a session that could not be detached goes on here: end it, so that the next owner logs in alone
                driver.close(session).onErrorResume(e -> Mono.empty())
                    .then(write(key, HandoverEntry.ended(self))).onErrorResume(e -> Mono.empty()).publishOn(control)
                    .doFinally(signal -> {
                        slots.remove(key);
                        emit(FleetEvent.Kind.ENDED, key, start, "handoff failed: " + error);
                        checkDrained();
                    })
                    .subscribe();
            });
    }

    private static Mono<Void> stopCheckpoints(Slot<?> slot) {
        Checkpointer c = slot.checkpointer;
        return c == null ? Mono.empty() : c.stop();
    }

    /** Writes an entry from the control thread (never from an event loop: Hazelcast's calls may block). */
    private Mono<Void> write(String key, HandoverEntry entry) {
        return Mono.defer(() -> Mono.fromCompletionStage(requireMap().setAsync(key, entry.encode())))
            .subscribeOn(control);
    }

    private boolean others() {
        HazelcastInstance instance = hz;
        return instance != null && instance.getCluster().getMembers().size() > 1;
    }

    // ---- stop ----

    @Override
    public Mono<Void> stop() {
        return Mono.defer(() -> {
            if (state.compareAndSet(State.NEW, State.STOPPED)) {
                shutdownSchedulers();
                events.tryEmitComplete();
                stopped.tryEmitEmpty();
                return Mono.empty();
            }
            if (!state.compareAndSet(State.STARTED, State.STOPPING)) {
                return stopped.asMono();
            }
            return Mono.fromRunnable(this::leaveAll).subscribeOn(control)
                .then(drained.asMono())
                .then(Mono.fromRunnable(this::shutdown).subscribeOn(control))
                .then(stopped.asMono());
        });
    }

    private void leaveAll() {
        Disposable t = ticker;
        if (t != null) {
            t.dispose();
        }
        boolean handOff = others();
        log.info("fleet member {} stopping: {} {} sessions", name, handOff ? "handing off" : "closing", local.size());
        List<Map.Entry<String, Slot<S>>> running = new ArrayList<>(slots.entrySet());
        for (Map.Entry<String, Slot<S>> e : running) {
            if (e.getValue().phase == Slot.Phase.RUNNING) {
                leave(e.getKey(), e.getValue(), handOff);
            }
        }
        checkDrained();
    }

    private void checkDrained() {
        if (state.get() == State.STOPPING && slots.isEmpty()) {
            drained.tryEmitEmpty();
        }
    }

    private void shutdown() {
        HazelcastInstance instance = hz;
        try {
            if (instance != null) {
                publishMetrics();
                instance.shutdown();
            }
        } finally {
            state.set(State.STOPPED);
            log.info("fleet member {} left the cluster", name);
            events.tryEmitComplete();
            stopped.tryEmitEmpty();
            shutdownSchedulers();
        }
    }

    /**
     * Tests: dies like a killed process (no handoff, no goodbye to the cluster); the sessions are abandoned as they
     * are, their handlers cancelled.
     */
    Mono<Void> crash() {
        return Mono.<Void>fromRunnable(() -> {
            state.set(State.STOPPED);
            Disposable t = ticker;
            if (t != null) {
                t.dispose();
            }
            for (Slot<S> slot : slots.values()) {
                slot.stopWatching();
                slot.disposeHandler();
                stopCheckpoints(slot).subscribe();
            }
            HazelcastInstance instance = hz;
            if (instance != null) {
                instance.getLifecycleService().terminate();
            }
        }).subscribeOn(control).doFinally(signal -> {
            events.tryEmitComplete();
            stopped.tryEmitEmpty();
            shutdownSchedulers();
        });
    }

    private void shutdownSchedulers() {
        checkpoints.dispose();
        io.dispose();
        control.dispose();
    }

    // ---- observation ----

    private void emit(FleetEvent.Kind kind, String key, long startNanos, @Nullable String cause) {
        counters.count(kind);
        FleetEvent event = new FleetEvent(kind, accounts.get(key).bareJid(), name, Instant.now(),
            Duration.ofNanos(System.nanoTime() - startNanos), cause);
        if (kind == FleetEvent.Kind.FAILED || kind == FleetEvent.Kind.RELOGGED_IN || kind == FleetEvent.Kind.ENDED) {
            log.info("fleet: {}", event);
        } else {
            log.debug("fleet: {}", event);
        }
        events.tryEmitNext(event);
    }

    private void publishMetrics() {
        IMap<String, MemberMetrics> m = members;
        if (m != null) {
            m.setAsync(self.toString(), counters.snapshot(name, local.size()))
                .whenComplete((v, e) -> {
                    if (e != null) {
                        log.debug("fleet member {}: counters not published: {}", name, e.toString());
                    }
                });
        }
    }

    /** Tests: whether Hazelcast has no migration in flight and every backup is in sync. */
    boolean clusterSafe() {
        HazelcastInstance instance = hz;
        return instance != null && instance.getPartitionService().isClusterSafe();
    }

    @Override
    public String memberName() {
        return name;
    }

    @Override
    public Flux<FleetEvent> events() {
        return events.asFlux();
    }

    @Override
    public Set<BareJid> localAccounts() {
        return Set.copyOf(local);
    }

    @Override
    public Mono<FleetMetrics> metrics() {
        return Mono.fromCallable(() -> {
            HazelcastInstance instance = hz;
            IMap<String, MemberMetrics> m = members;
            if (instance == null || m == null) {
                throw new FleetException("fleet member " + name + " is not running");
            }
            Map<String, MemberMetrics> out = new HashMap<>();
            for (Member member : instance.getCluster().getMembers()) {
                MemberMetrics metrics = member.localMember() ? counters.snapshot(name, local.size())
                    : m.get(member.getUuid().toString());
                if (metrics != null) {
                    out.put(metrics.member(), metrics);
                }
            }
            return new FleetMetrics(out);
        }).subscribeOn(control);
    }

    private IMap<String, byte[]> requireMap() {
        IMap<String, byte[]> m = map;
        if (m == null) {
            throw new FleetException("fleet member " + name + " is not running");
        }
        return m;
    }

    @Override
    public String toString() {
        return "Fleet[" + name + ", " + state.get() + ", " + local.size() + " sessions]";
    }
}
