package org.reactorxmpp.im.internal;

import java.util.concurrent.ThreadLocalRandom;

/** Message and thread ids: random, never blocking (no SecureRandom). Not API. */
public final class Ids {

    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private Ids() {
    }

    /** @return a new 16-character id */
    public static String next() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        char[] id = new char[16];
        for (int i = 0; i < id.length; i++) {
            id[i] = ALPHABET[r.nextInt(ALPHABET.length)];
        }
        return new String(id);
    }
}
