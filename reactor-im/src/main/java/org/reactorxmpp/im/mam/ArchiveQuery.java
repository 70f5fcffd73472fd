package org.reactorxmpp.im.mam;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.reactorxmpp.im.forms.DataForm;
import org.reactorxmpp.im.forms.FieldType;
import org.reactorxmpp.im.forms.FormField;
import org.reactorxmpp.xmpp.jid.Jid;

/**
 * What to fetch from the archive: by peer ({@code with}), time range, archive ids, after an id;
 * fetched in pages of {@link #pageSize()} (XEP-0059 result set management).
 *
 * <pre>{@code
 * ArchiveQuery q = ArchiveQuery.builder().with(bob).start(Instant.now().minus(Duration.ofDays(1))).pageSize(50).build();
 * }</pre>
 *
 * @param with only messages with this JID, or {@code null}
 * @param start not before, or {@code null}
 * @param end not after, or {@code null}
 * @param ids only these archive ids (the {@code urn:xmpp:mam:2#extended} {@code ids} field), empty for any
 * @param after start after this archive id, or {@code null}
 * @param pageSize results per page (servers cap it: Prosody at 50 by default)
 */
public record ArchiveQuery(@Nullable Jid with, @Nullable Instant start, @Nullable Instant end, List<String> ids,
                           @Nullable String after, int pageSize) {

    /** Form type of the query form. */
    public static final String FORM_TYPE = "urn:xmpp:mam:2";

    /** @throws IllegalArgumentException when the page size is not positive */
    public ArchiveQuery {
        ids = List.copyOf(ids);
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be positive: " + pageSize);
        }
    }

    /** @return a builder: everything, in pages of 50 */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The data form (XEP-0004) of this query: a {@code submit} form of type {@value #FORM_TYPE} with
     * the fields XEP-0313 defines ({@code with}, {@code start}, {@code end}, and {@code ids} from
     * {@code urn:xmpp:mam:2#extended}), only those that are set.
     *
     * @return the form, encoded with {@link DataForm#CODEC}
     */
    public DataForm form() {
        DataForm.Builder form = DataForm.builder(DataForm.Type.SUBMIT)
            .field(FormField.builder(DataForm.FORM_TYPE).type(FieldType.HIDDEN).value(FORM_TYPE).build());
        if (with != null) {
            form.field(FormField.builder("with").value(with.toString()).build());
        }
        if (start != null) {
            form.field(FormField.builder("start").value(DateTimeFormatter.ISO_INSTANT.format(start)).build());
        }
        if (end != null) {
            form.field(FormField.builder("end").value(DateTimeFormatter.ISO_INSTANT.format(end)).build());
        }
        if (!ids.isEmpty()) {
            form.field(FormField.builder("ids").type(FieldType.LIST_MULTI).values(ids).build());
        }
        return form.build();
    }

    /** Builds an {@link ArchiveQuery}. */
    public static final class Builder {
        private @Nullable Jid with;
        private @Nullable Instant start;
        private @Nullable Instant end;
        private final List<String> ids = new ArrayList<>();
        private @Nullable String after;
        private int pageSize = 50;

        private Builder() {
        }

        /** @param with the peer @return this builder */
        public Builder with(@Nullable Jid with) {
            this.with = with;
            return this;
        }

        /** @param start not before @return this builder */
        public Builder start(@Nullable Instant start) {
            this.start = start;
            return this;
        }

        /** @param end not after @return this builder */
        public Builder end(@Nullable Instant end) {
            this.end = end;
            return this;
        }

        /** @param archiveIds only these archive ids @return this builder */
        public Builder ids(List<String> archiveIds) {
            ids.addAll(Objects.requireNonNull(archiveIds, "archiveIds"));
            return this;
        }

        /** @param archiveId start after this archive id @return this builder */
        public Builder after(@Nullable String archiveId) {
            this.after = archiveId;
            return this;
        }

        /** @param size results per page @return this builder */
        public Builder pageSize(int size) {
            this.pageSize = size;
            return this;
        }

        /** @return the query */
        public ArchiveQuery build() {
            return new ArchiveQuery(with, start, end, ids, after, pageSize);
        }
    }
}
