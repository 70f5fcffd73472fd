package org.reactorxmpp.xmpp.stanza;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Generates stanza ids: a random prefix per call plus a process-wide counter, so ids are unique
 * within the JVM and hard to guess. Never blocks (no SecureRandom reseeding from the OS).
 */
final class StanzaIds {

    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final AtomicLong COUNTER = new AtomicLong();

    private StanzaIds() {
    }

    static String next() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        StringBuilder sb = new StringBuilder(20);
        for (int i = 0; i < 8; i++) {
            sb.append(ALPHABET[r.nextInt(ALPHABET.length)]);
        }
        return sb.append('-').append(Long.toString(COUNTER.incrementAndGet(), 36)).toString();
    }
}
