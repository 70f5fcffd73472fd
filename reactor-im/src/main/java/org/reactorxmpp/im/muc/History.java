package org.reactorxmpp.im.muc;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * How much discussion history a room sends on join (XEP-0045 7.2.13). The limits combine: the room
 * sends what satisfies all of them.
 *
 * <pre>{@code
 * JoinOptions.builder().history(History.lastMessages(20)).build();
 * JoinOptions.builder().history(History.since(lastSeen)).build();
 * }</pre>
 *
 * @param maxStanzas at most this many messages, or {@code null}
 * @param maxChars at most this many characters of XML, or {@code null}
 * @param seconds only messages of the last seconds, or {@code null}
 * @param since only messages after this instant, or {@code null}
 */
public record History(@Nullable Integer maxStanzas, @Nullable Integer maxChars, @Nullable Integer seconds,
                      @Nullable Instant since) {

    private static final History SERVER_DEFAULT = new History(null, null, null, null);

    public History {
        for (Integer limit : new Integer[] {maxStanzas, maxChars, seconds}) {
            if (limit != null && limit < 0) {
                throw new IllegalArgumentException("history limits must not be negative: " + limit);
            }
        }
    }

    /** @return what the room sends by default (no {@code <history/>} element) */
    public static History serverDefault() {
        return SERVER_DEFAULT;
    }

    /** @return no history at all */
    public static History none() {
        return new History(0, null, null, null);
    }

    /** @param count the number of messages @return the last messages */
    public static History lastMessages(int count) {
        return new History(count, null, null, null);
    }

    /** @param instant the moment @return the messages after it */
    public static History since(Instant instant) {
        return new History(null, null, null, instant);
    }

    /** @param seconds the period @return the messages of the last seconds */
    public static History lastSeconds(int seconds) {
        return new History(null, null, seconds, null);
    }

    /** @return whether no limit is set (the room's default applies) */
    public boolean isServerDefault() {
        return maxStanzas == null && maxChars == null && seconds == null && since == null;
    }
}
