package org.reactorxmpp.xmpp.sm;

/**
 * A snapshot of a session's stream management, for diagnostics and tests.
 *
 * <pre>{@code
 * StreamManagementStatus sm = session.streamManagement();
 * log.info("sm enabled={} resumable={} unacked={}", sm.enabled(), sm.resumable(), sm.unacked());
 * }</pre>
 *
 * @param enabled whether the server enabled stream management on the current connection
 * @param resumable whether the server granted resumption
 * @param unacked how many stanzas sent wait for the server's acknowledgement
 * @param handled how many stanzas the session received and handled since stream management was enabled
 *     (the inbound {@code h}, modulo 2<sup>32</sup>)
 * @param acknowledged the server's last {@code h}: how many of the session's stanzas it acknowledged (modulo 2<sup>32</sup>)
 */
public record StreamManagementStatus(boolean enabled, boolean resumable, int unacked, long handled, long acknowledged) {

    /** @return the status of a session without stream management */
    public static StreamManagementStatus off() {
        return new StreamManagementStatus(false, false, 0, 0, 0);
    }
}
