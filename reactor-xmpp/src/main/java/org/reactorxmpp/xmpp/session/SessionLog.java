package org.reactorxmpp.xmpp.session;

import java.util.Objects;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * The log of one session: every line starts with {@code [jid sid=...]}, the session's JID and its transport's
 * session id (the BOSH {@code sid}; {@code -} while there is none), so that the lines of one session among
 * thousands can be found with one {@code grep}. Transports, features and applications use it to log like the
 * library does.
 *
 * <p>Why a prefix and not SLF4J's MDC: the work of a session runs on event loops and task loops shared by
 * many sessions, and MDC is thread-local, so it would have to be set and cleared around every callback on
 * every thread hop; a missed reset would put another session's JID on a line. The prefix is computed from the
 * session itself when the line is written (only when its level is enabled), so it is always that session's.
 *
 * <pre>{@code
 * private static final Logger LOG = LoggerFactory.getLogger(MyFeature.class);
 *
 * SessionLog log = SessionLog.of(LOG, session);
 * log.debug("joined {}", room);   // [juliet@example.com/balcony sid=8a1f...] joined room@muc.example.com
 * }</pre>
 */
public final class SessionLog {

    private final Logger logger;
    private final Object id;

    private SessionLog(Logger logger, Object id) {
        this.logger = Objects.requireNonNull(logger, "logger");
        this.id = Objects.requireNonNull(id, "id");
    }

    /**
     * @param logger where the lines go
     * @param session the session: its current JID and transport session id are read for each line
     * @return the session's log
     */
    public static SessionLog of(Logger logger, XmppSession session) {
        return new SessionLog(logger, id(session));
    }

    /**
     * @param logger where the lines go
     * @param jid the session's JID (as the application configured it until the server binds one), or {@code null}
     * @param sid reads the transport's session id when a line is written; {@code null} while there is none
     * @return the log of that session
     */
    public static SessionLog of(Logger logger, @Nullable Object jid, Supplier<@Nullable String> sid) {
        return new SessionLog(logger, id(jid, sid));
    }

    /**
     * @param session a session
     * @return its prefix, {@code jid sid=...} (without the brackets), computed when formatted; for
     *     {@code log.debug("[{}] ...", SessionLog.id(session), ...)}
     */
    public static Object id(XmppSession session) {
        Objects.requireNonNull(session, "session");
        return new Id(session::jid, () -> session.connectionDetails().sessionId().orElse(null));
    }

    /**
     * @param jid the session's JID, or {@code null}
     * @param sid reads the transport's session id when formatted
     * @return the prefix {@code jid sid=...} (without the brackets), computed when formatted
     */
    public static Object id(@Nullable Object jid, Supplier<@Nullable String> sid) {
        Objects.requireNonNull(sid, "sid");
        return new Id(() -> jid, sid);
    }

    /** @return this log's prefix (without the brackets), formatted when written */
    public Object id() {
        return id;
    }

    /** @return the logger the lines go to */
    public Logger logger() {
        return logger;
    }

    public boolean isDebugEnabled() {
        return logger.isDebugEnabled();
    }

    public boolean isTraceEnabled() {
        return logger.isTraceEnabled();
    }

    /** @param format an SLF4J format @param args its arguments, a {@code Throwable} last for its stack trace */
    public void trace(String format, @Nullable Object... args) {
        if (logger.isTraceEnabled()) {
            logger.trace("[{}] " + format, withId(args));
        }
    }

    /** @param format an SLF4J format @param args its arguments, a {@code Throwable} last for its stack trace */
    public void debug(String format, @Nullable Object... args) {
        if (logger.isDebugEnabled()) {
            logger.debug("[{}] " + format, withId(args));
        }
    }

    /** @param format an SLF4J format @param args its arguments, a {@code Throwable} last for its stack trace */
    public void info(String format, @Nullable Object... args) {
        if (logger.isInfoEnabled()) {
            logger.info("[{}] " + format, withId(args));
        }
    }

    /** @param format an SLF4J format @param args its arguments, a {@code Throwable} last for its stack trace */
    public void warn(String format, @Nullable Object... args) {
        if (logger.isWarnEnabled()) {
            logger.warn("[{}] " + format, withId(args));
        }
    }

    /** @param format an SLF4J format @param args its arguments, a {@code Throwable} last for its stack trace */
    public void error(String format, @Nullable Object... args) {
        if (logger.isErrorEnabled()) {
            logger.error("[{}] " + format, withId(args));
        }
    }

    private @Nullable Object[] withId(@Nullable Object[] args) {
        Object[] all = new Object[args.length + 1];
        all[0] = id;
        System.arraycopy(args, 0, all, 1, args.length);
        return all;
    }

    @Override
    public String toString() {
        return "SessionLog[" + id + "]";
    }

    /** The prefix, formatted from the session's state when a line is written. */
    private static final class Id {
        private final Supplier<@Nullable Object> jid;
        private final Supplier<@Nullable String> sid;

        Id(Supplier<@Nullable Object> jid, Supplier<@Nullable String> sid) {
            this.jid = jid;
            this.sid = sid;
        }

        @Override
        public String toString() {
            Object j = jid.get();
            String s = sid.get();
            return (j != null ? j : "-") + " sid=" + (s != null ? s : "-");
        }
    }
}
