package org.reactorxmpp.im.roster.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;
import org.reactorxmpp.im.roster.RosterItem;
import org.reactorxmpp.im.roster.RosterSnapshot;
import org.reactorxmpp.im.roster.RosterStore;
import org.reactorxmpp.xmpp.extension.ExtensionCodec;
import org.reactorxmpp.xmpp.extension.ExtensionDecodeException;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.xml.XmlElement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A {@link RosterStore} in one JSON file holding the rosters of several accounts:
 * <pre>{@code
 * {"format":1,"accounts":{"juliet@example.com":{"ver":"v3","items":[
 *   {"jid":"nurse@example.com","name":"Nurse","subscription":"both","ask":false,"approved":false,"groups":["Servants"]}]}}}
 * }</pre>
 * Every save reads the file, replaces the account's entry and writes a temporary file in the same
 * directory that is then moved over the file atomically, so a crash leaves the old or the new
 * file, never half of one. The I/O runs on {@link Schedulers#boundedElastic()}. A file that cannot
 * be parsed is ignored with a warning (load: nothing stored; save: replaced).
 */
public final class JsonFileRosterStore implements RosterStore {

    private static final Logger log = LoggerFactory.getLogger(JsonFileRosterStore.class);
    private static final int FORMAT = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path file;
    /** Serializes this instance's read-modify-write cycles (run on boundedElastic, where blocking is allowed). */
    private final Object io = new Object();
    private final AtomicLong saves = new AtomicLong();
    /** The number of the last save written per account; guarded by {@link #io}. */
    private final Map<BareJid, Long> written = new HashMap<>();

    /** @param file the JSON file; created on the first save (its directory must exist) */
    public JsonFileRosterStore(Path file) {
        this.file = Objects.requireNonNull(file, "file").toAbsolutePath();
    }

    @Override
    public Mono<RosterSnapshot> load(BareJid account) {
        Objects.requireNonNull(account, "account");
        return Mono.fromCallable(() -> {
            synchronized (io) {
                JsonNode entry = read().path("accounts").get(account.toString());
                return entry == null ? null : decode(account, entry);
            }
        }).subscribeOn(Schedulers.boundedElastic());
    }

    @Override
    public Mono<Void> save(BareJid account, RosterSnapshot roster) {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(roster, "roster");
        // numbered in subscription order: the worker threads may run two saves the other way round,
        // and an older roster must not overwrite a newer one
        return Mono.defer(() -> {
            long seq = saves.incrementAndGet();
            return Mono.<Void>fromRunnable(() -> write(account, roster, seq)).subscribeOn(Schedulers.boundedElastic());
        });
    }

    private void write(BareJid account, RosterSnapshot roster, long seq) {
        synchronized (io) {
            Long newer = written.get(account);
            if (newer != null && newer > seq) {
                return;
            }
            ObjectNode root = read();
            root.put("format", FORMAT);
            JsonNode accounts = root.get("accounts");
            ObjectNode all = accounts instanceof ObjectNode ? (ObjectNode) accounts : root.putObject("accounts");
            all.set(account.toString(), encode(roster));
            write(root);
            written.put(account, seq);
        }
    }

    /** @return the file's content, or an empty document when there is none or it cannot be parsed */
    private ObjectNode read() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return MAPPER.createObjectNode();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the roster store " + file + ": " + e.getMessage(), e);
        }
        try {
            JsonNode root = MAPPER.readTree(bytes);
            if (root instanceof ObjectNode && root.path("format").asInt(0) == FORMAT) {
                return (ObjectNode) root;
            }
            log.warn("ignoring the roster store {}: not a roster store of format {}", file, FORMAT);
        } catch (IOException e) {
            log.warn("ignoring the corrupt roster store {}: {}", file, e.getMessage());
        }
        return MAPPER.createObjectNode();
    }

    private void write(ObjectNode root) {
        Path dir = file.getParent();
        Path temp = null;
        try {
            temp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            Files.write(temp, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            temp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the roster store " + file + ": " + e.getMessage(), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException e) {
                    log.debug("could not delete {}", temp, e);
                }
            }
        }
    }

    private static ObjectNode encode(RosterSnapshot roster) {
        ObjectNode entry = MAPPER.createObjectNode();
        roster.version().ifPresent(v -> entry.put("ver", v));
        ArrayNode items = entry.putArray("items");
        for (RosterItem item : roster.items()) {
            ObjectNode i = items.addObject();
            i.put("jid", item.jid().toString());
            item.name().ifPresent(n -> i.put("name", n));
            i.put("subscription", item.subscription().value());
            i.put("ask", item.isPendingOut());
            i.put("approved", item.isApproved());
            ArrayNode groups = i.putArray("groups");
            item.groups().forEach(groups::add);
        }
        return entry;
    }

    /** @return the stored roster, or {@code null} (with a warning) when the entry is malformed */
    private @Nullable RosterSnapshot decode(BareJid account, JsonNode entry) {
        try {
            List<RosterItem> items = new ArrayList<>();
            for (JsonNode i : entry.path("items")) {
                // through the roster item codec: one decoder validates JIDs, groups and subscription values
                XmlElement.Builder b = XmlElement.builder(RosterItem.NAMESPACE, "item")
                    .attribute("jid", text(i, "jid"))
                    .attribute("name", text(i, "name"))
                    .attribute("subscription", text(i, "subscription"));
                if (i.path("ask").asBoolean(false)) {
                    b.attribute("ask", "subscribe");
                }
                if (i.path("approved").asBoolean(false)) {
                    b.attribute("approved", "true");
                }
                for (JsonNode g : i.path("groups")) {
                    b.textChild(RosterItem.NAMESPACE, "group", g.asText());
                }
                items.add(ExtensionCodec.decode(RosterItem.CODEC, b.build()));
            }
            return RosterSnapshot.of(text(entry, "ver"), items);
        } catch (IllegalArgumentException | ExtensionDecodeException e) {
            log.warn("ignoring the stored roster of {} in {}: {}", account, file, e.getMessage());
            return null;
        }
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    @Override
    public String toString() {
        return "JsonFileRosterStore{" + file + "}";
    }
}
