package org.reactorxmpp.im.mam;

import java.util.Objects;

import org.reactorxmpp.im.forward.Forwarded;

/**
 * One archive result.
 *
 * @param archiveId the archive's id of the message (usable in {@link ArchiveQuery.Builder#after}, {@link ArchiveQuery.Builder#ids})
 * @param forwarded the archived message with its original time ({@link Forwarded#delay()})
 */
public record ArchivedMessage(String archiveId, Forwarded forwarded) {

    /** Checks for nulls. */
    public ArchivedMessage {
        Objects.requireNonNull(archiveId, "archiveId");
        Objects.requireNonNull(forwarded, "forwarded");
    }
}
