package org.reactorxmpp.xmpp.failover;

import java.util.List;
import java.util.Objects;

import org.reactorxmpp.xmpp.XmppException;

/**
 * Every candidate of a walk was tried and none gave a session. The message names each URL tried and
 * why it failed, in order; {@link #attempts()} has the same as values. Transient when at least one
 * failure was (a node that was down may come back).
 */
public final class FailoverExhaustedException extends XmppException {

    private static final long serialVersionUID = 1L;

    /**
     * One attempt of a walk.
     *
     * @param candidate where the attempt went
     * @param error why it did not give a session (for a service-discovery hop: the redirect)
     */
    public record Attempt(Candidate candidate, Throwable error) {
        /**
         * @param candidate where the attempt went
         * @param error why it did not give a session
         */
        public Attempt {
            Objects.requireNonNull(candidate, "candidate");
            Objects.requireNonNull(error, "error");
        }
    }

    private final transient List<Attempt> attempts;

    /** @param attempts the attempts, in order */
    public FailoverExhaustedException(List<Attempt> attempts) {
        super(message(attempts), attempts.isEmpty() ? null : attempts.get(attempts.size() - 1).error());
        this.attempts = List.copyOf(attempts);
    }

    private static String message(List<Attempt> attempts) {
        if (attempts.isEmpty()) {
            return "no candidate URL to connect to";
        }
        StringBuilder sb = new StringBuilder("could not connect to any of ").append(attempts.size())
            .append(" URL(s) tried: ");
        for (int i = 0; i < attempts.size(); i++) {
            Attempt a = attempts.get(i);
            sb.append(i == 0 ? "" : "; ").append(i + 1).append(". ").append(a.candidate()).append(": ")
                .append(a.error().getMessage() == null ? a.error().getClass().getSimpleName() : a.error().getMessage());
        }
        return sb.toString();
    }

    /** @return the attempts, in order */
    public List<Attempt> attempts() {
        return attempts;
    }

    @Override
    public boolean isTransient() {
        return attempts.stream().anyMatch(a -> a.error() instanceof XmppException x && x.isTransient());
    }
}
