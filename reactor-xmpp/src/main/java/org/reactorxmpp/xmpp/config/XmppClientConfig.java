package org.reactorxmpp.xmpp.config;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jspecify.annotations.Nullable;
import org.reactorxmpp.xmpp.jid.BareJid;
import org.reactorxmpp.xmpp.jid.Jid;
import org.reactorxmpp.xmpp.jid.JidFormatException;
import org.reactorxmpp.xmpp.sasl.SaslMechanismSelector;
import org.reactorxmpp.xmpp.session.DiscoIdentity;
import org.reactorxmpp.xmpp.session.Reconnect;
import org.reactorxmpp.xmpp.session.XmppClient;

/**
 * An immutable client configuration read from JSON with the option names of CAXL (Cisco AJAX XMPP
 * Library), plus a few of ours. Passwords are never read from JSON: give them in code. Every key is
 * optional; {@link #applyTo(XmppClient.Builder)} sets only the keys that were present.
 *
 * <table>
 * <caption>Keys</caption>
 * <tr><th>key</th><th>value</th><th>effect</th></tr>
 * <tr><td>{@code httpBindingURL}</td><td>absolute http(s) URL</td><td>{@link #httpBindingUrl()}, for the caller's transport</td></tr>
 * <tr><td>{@code httpBindingURL_secondary}</td><td>absolute http(s) URL</td><td>{@link #httpBindingUrlSecondary()}</td></tr>
 * <tr><td>{@code serviceDiscoveryEnabled}</td><td>boolean</td><td>Cisco Unified Presence home/backup node discovery over the two URLs, see {@link #applyTo(XmppClient.Builder, java.util.function.Function, org.reactorxmpp.xmpp.failover.NodeStore)}</td></tr>
 * <tr><td>{@code unsecureAllowed}</td><td>boolean</td><td>{@link XmppClient.Builder#unsecureAllowed(boolean)}</td></tr>
 * <tr><td>{@code enabledMechanisms}</td><td>array of SASL names</td><td>{@link XmppClient.Builder#enabledMechanisms(List)}</td></tr>
 * <tr><td>{@code baseReconnectCountdown}</td><td>seconds &gt;= 0</td><td>{@link Reconnect#countdown(Duration)}; 0 disables</td></tr>
 * <tr><td>{@code bindRetryCountdown}</td><td>seconds &gt; 0</td><td>{@link XmppClient.Builder#bindRetryCountdown(Duration)}</td></tr>
 * <tr><td>{@code persistDuration}</td><td>seconds &gt;= 0</td><td>{@link #persistDuration()}, for the caller's transport</td></tr>
 * <tr><td>{@code capabilityFeatures}</td><td>array of strings</td><td>{@link XmppClient.Builder#capabilityFeatures(List)}</td></tr>
 * <tr><td>{@code capabilityIdentity}</td><td>{@code {category, type, name}}</td><td>{@link XmppClient.Builder#identity(DiscoIdentity)}</td></tr>
 * <tr><td>{@code jid}</td><td>JID string</td><td>{@link XmppClient.Builder#jid(String)}</td></tr>
 * <tr><td>{@code resource}</td><td>string</td><td>{@link XmppClient.Builder#resource(String)}</td></tr>
 * <tr><td>{@code requestTimeout}, {@code connectTimeout}</td><td>seconds &gt; 0</td><td>the builder's timeouts</td></tr>
 * <tr><td>{@code sendInitialPresence}</td><td>boolean</td><td>{@link XmppClient.Builder#sendInitialPresence(boolean)}</td></tr>
 * <tr><td>{@code lang}</td><td>string</td><td>{@link XmppClient.Builder#lang(String)}</td></tr>
 * </table>
 *
 * <pre>{@code
 * XmppClientConfig config = XmppClientConfig.fromJson(
 *     "{\"httpBindingURL\": \"https://example.com/http-bind\", \"jid\": \"alice@example.com\"}");
 * XmppClient client = config.applyTo(XmppClient.builder())
 *     .password(secret)
 *     .transport(BoshTransport.builder().url(config.httpBindingUrl().orElseThrow()).build())
 *     .build();
 * }</pre>
 */
public final class XmppClientConfig {

    static final String HTTP_BINDING_URL = "httpBindingURL";
    static final String HTTP_BINDING_URL_SECONDARY = "httpBindingURL_secondary";
    static final String SERVICE_DISCOVERY_ENABLED = "serviceDiscoveryEnabled";
    static final String UNSECURE_ALLOWED = "unsecureAllowed";
    static final String ENABLED_MECHANISMS = "enabledMechanisms";
    static final String BASE_RECONNECT_COUNTDOWN = "baseReconnectCountdown";
    static final String BIND_RETRY_COUNTDOWN = "bindRetryCountdown";
    static final String PERSIST_DURATION = "persistDuration";
    static final String CAPABILITY_FEATURES = "capabilityFeatures";
    static final String CAPABILITY_IDENTITY = "capabilityIdentity";
    static final String JID = "jid";
    static final String RESOURCE = "resource";
    static final String REQUEST_TIMEOUT = "requestTimeout";
    static final String CONNECT_TIMEOUT = "connectTimeout";
    static final String SEND_INITIAL_PRESENCE = "sendInitialPresence";
    static final String LANG = "lang";

    /** The keys understood, in documentation order. */
    public static final List<String> KEYS = List.of(HTTP_BINDING_URL, HTTP_BINDING_URL_SECONDARY,
        SERVICE_DISCOVERY_ENABLED, UNSECURE_ALLOWED, ENABLED_MECHANISMS, BASE_RECONNECT_COUNTDOWN,
        BIND_RETRY_COUNTDOWN, PERSIST_DURATION, CAPABILITY_FEATURES, CAPABILITY_IDENTITY, JID, RESOURCE,
        REQUEST_TIMEOUT, CONNECT_TIMEOUT, SEND_INITIAL_PRESENCE, LANG);

    private static final Set<String> IDENTITY_KEYS = Set.of("category", "type", "name");
    private static final ObjectMapper MAPPER = new ObjectMapper()
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final @Nullable URI httpBindingUrl;
    private final @Nullable URI httpBindingUrlSecondary;
    private final @Nullable Boolean serviceDiscoveryEnabled;
    private final @Nullable Boolean unsecureAllowed;
    private final @Nullable List<String> enabledMechanisms;
    private final @Nullable Duration baseReconnectCountdown;
    private final @Nullable Duration bindRetryCountdown;
    private final @Nullable Duration persistDuration;
    private final @Nullable List<String> capabilityFeatures;
    private final @Nullable DiscoIdentity capabilityIdentity;
    private final @Nullable Jid jid;
    private final @Nullable String resource;
    private final @Nullable Duration requestTimeout;
    private final @Nullable Duration connectTimeout;
    private final @Nullable Boolean sendInitialPresence;
    private final @Nullable String lang;

    private XmppClientConfig(JsonNode root) {
        if (!root.isObject()) {
            throw new XmppConfigException(null, "the configuration must be a JSON object, got " + root.getNodeType(), null);
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                String suggestion = suggest(key, KEYS);
                throw new XmppConfigException(key, "unknown key '" + key + "'"
                    + (suggestion == null ? " (known keys: " + String.join(", ", KEYS) + ")"
                        : " (did you mean '" + suggestion + "'?)"), null);
            }
        }
        httpBindingUrl = url(root, HTTP_BINDING_URL);
        httpBindingUrlSecondary = url(root, HTTP_BINDING_URL_SECONDARY);
        serviceDiscoveryEnabled = bool(root, SERVICE_DISCOVERY_ENABLED);
        unsecureAllowed = bool(root, UNSECURE_ALLOWED);
        enabledMechanisms = mechanisms(root);
        baseReconnectCountdown = seconds(root, BASE_RECONNECT_COUNTDOWN, true);
        bindRetryCountdown = seconds(root, BIND_RETRY_COUNTDOWN, false);
        persistDuration = seconds(root, PERSIST_DURATION, true);
        capabilityFeatures = strings(root, CAPABILITY_FEATURES);
        capabilityIdentity = identity(root);
        jid = jid(root);
        resource = string(root, RESOURCE);
        requestTimeout = seconds(root, REQUEST_TIMEOUT, false);
        connectTimeout = seconds(root, CONNECT_TIMEOUT, false);
        sendInitialPresence = bool(root, SEND_INITIAL_PRESENCE);
        lang = string(root, LANG);
    }

    /**
     * @param json a JSON object
     * @return the configuration
     * @throws XmppConfigException for malformed JSON, an unknown key or a bad value
     */
    public static XmppClientConfig fromJson(String json) {
        Objects.requireNonNull(json, "json");
        try {
            return fromJson(MAPPER.readTree(json));
        } catch (JsonProcessingException e) {
            throw malformed(e);
        }
    }

    /**
     * @param json a JSON object, UTF-8 (or as detected by Jackson); the stream is not closed
     * @return the configuration
     * @throws XmppConfigException for malformed JSON, a read failure, an unknown key or a bad value
     */
    public static XmppClientConfig fromJson(InputStream json) {
        Objects.requireNonNull(json, "json");
        try {
            JsonNode root = MAPPER.readTree(json);
            if (root == null || root.isMissingNode()) {
                throw new XmppConfigException(null, "malformed JSON configuration: no content", null);
            }
            return fromJson(root);
        } catch (JsonProcessingException e) {
            throw malformed(e);
        } catch (IOException e) {
            throw new XmppConfigException(null, "could not read the JSON configuration: " + e.getMessage(), e);
        }
    }

    /**
     * @param json a JSON object node
     * @return the configuration
     * @throws XmppConfigException for an unknown key or a bad value
     */
    public static XmppClientConfig fromJson(JsonNode json) {
        Objects.requireNonNull(json, "json");
        if (json.isMissingNode()) {
            throw new XmppConfigException(null, "malformed JSON configuration: no content", null);
        }
        return new XmppClientConfig(json);
    }

    private static XmppConfigException malformed(JsonProcessingException e) {
        return new XmppConfigException(null, "malformed JSON configuration: " + e.getOriginalMessage()
            + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                + ", column " + e.getLocation().getColumnNr()), e);
    }

    /**
     * Sets on a builder every option present in this configuration (except the URLs and
     * {@code persistDuration}, which belong to the transport the caller makes).
     *
     * @param builder the builder
     * @return the same builder, for chaining
     */
    public XmppClient.Builder applyTo(XmppClient.Builder builder) {
        Objects.requireNonNull(builder, "builder");
        if (jid != null) {
            builder.jid(jid.asBare());
            jid.resourcepart().ifPresent(builder::resource);
        }
        if (resource != null) {
            builder.resource(resource);
        }
        if (unsecureAllowed != null) {
            builder.unsecureAllowed(unsecureAllowed);
        }
        if (enabledMechanisms != null) {
            builder.enabledMechanisms(enabledMechanisms);
        }
        if (baseReconnectCountdown != null) {
            builder.reconnect(Reconnect.countdown(baseReconnectCountdown));
        }
        if (bindRetryCountdown != null) {
            builder.bindRetryCountdown(bindRetryCountdown);
        }
        if (capabilityFeatures != null) {
            builder.capabilityFeatures(capabilityFeatures);
        }
        if (capabilityIdentity != null) {
            builder.identity(capabilityIdentity);
        }
        if (requestTimeout != null) {
            builder.requestTimeout(requestTimeout);
        }
        if (connectTimeout != null) {
            builder.connectTimeout(connectTimeout);
        }
        if (sendInitialPresence != null) {
            builder.sendInitialPresence(sendInitialPresence);
        }
        if (lang != null) {
            builder.lang(lang);
        }
        return builder;
    }

    /**
     * Sets every option present, as {@link #applyTo(XmppClient.Builder)}, and the connection
     * candidates: with {@code serviceDiscoveryEnabled} true, Cisco Unified Presence service
     * discovery over {@code httpBindingURL} and {@code httpBindingURL_secondary} (home and backup
     * nodes learned at login, kept in {@code nodeStore}); otherwise plain failover over the same two
     * URLs in order. Each URL's transport is made by {@code transports}.
     *
     * <pre>{@code
     * XmppClient client = config.applyTo(XmppClient.builder().password(secret),
     *         url -> BoshTransport.builder().url(url).build(), NodeStore.none())
     *     .build();
     * }</pre>
     *
     * @param builder the builder
     * @param transports makes the transport of one URL
     * @param nodeStore where discovered CUP nodes are kept (used only with service discovery)
     * @return the same builder
     * @throws XmppConfigException when {@code httpBindingURL} is missing
     */
    public XmppClient.Builder applyTo(XmppClient.Builder builder,
                                      java.util.function.Function<URI, org.reactorxmpp.xmpp.transport.Transport> transports,
                                      org.reactorxmpp.xmpp.failover.NodeStore nodeStore) {
        applyTo(builder);
        if (httpBindingUrl == null) {
            throw new XmppConfigException(HTTP_BINDING_URL, "'" + HTTP_BINDING_URL
                + "' is required to connect (the BOSH URL, or the service-discovery node's)", null);
        }
        builder.transports(transports);
        if (Boolean.TRUE.equals(serviceDiscoveryEnabled)) {
            builder.serviceDiscovery(org.reactorxmpp.xmpp.failover.CupServiceDiscovery.builder()
                .primary(httpBindingUrl).secondary(httpBindingUrlSecondary).store(nodeStore).build());
        } else if (httpBindingUrlSecondary != null) {
            builder.urls(httpBindingUrl, httpBindingUrlSecondary);
        } else {
            builder.urls(httpBindingUrl);
        }
        return builder;
    }

    /** @return {@code httpBindingURL}: where the BOSH connection manager listens */
    public Optional<URI> httpBindingUrl() {
        return Optional.ofNullable(httpBindingUrl);
    }

    /** @return {@code httpBindingURL_secondary}: the fallback connection manager */
    public Optional<URI> httpBindingUrlSecondary() {
        return Optional.ofNullable(httpBindingUrlSecondary);
    }

    /** @return {@code serviceDiscoveryEnabled} */
    public Optional<Boolean> serviceDiscoveryEnabled() {
        return Optional.ofNullable(serviceDiscoveryEnabled);
    }

    /** @return {@code unsecureAllowed} */
    public Optional<Boolean> unsecureAllowed() {
        return Optional.ofNullable(unsecureAllowed);
    }

    /** @return {@code enabledMechanisms}, most preferred first */
    public Optional<List<String>> enabledMechanisms() {
        return Optional.ofNullable(enabledMechanisms);
    }

    /** @return {@code baseReconnectCountdown}; zero disables reconnecting */
    public Optional<Duration> baseReconnectCountdown() {
        return Optional.ofNullable(baseReconnectCountdown);
    }

    /** @return {@code bindRetryCountdown} */
    public Optional<Duration> bindRetryCountdown() {
        return Optional.ofNullable(bindRetryCountdown);
    }

    /** @return {@code persistDuration}: how long a BOSH session may be resumed after a page reload */
    public Optional<Duration> persistDuration() {
        return Optional.ofNullable(persistDuration);
    }

    /** @return {@code capabilityFeatures} */
    public Optional<List<String>> capabilityFeatures() {
        return Optional.ofNullable(capabilityFeatures);
    }

    /** @return {@code capabilityIdentity} */
    public Optional<DiscoIdentity> capabilityIdentity() {
        return Optional.ofNullable(capabilityIdentity);
    }

    /** @return {@code jid}, possibly with a resource */
    public Optional<Jid> jid() {
        return Optional.ofNullable(jid);
    }

    /** @return {@code resource} */
    public Optional<String> resource() {
        return Optional.ofNullable(resource);
    }

    /** @return {@code requestTimeout} */
    public Optional<Duration> requestTimeout() {
        return Optional.ofNullable(requestTimeout);
    }

    /** @return {@code connectTimeout} */
    public Optional<Duration> connectTimeout() {
        return Optional.ofNullable(connectTimeout);
    }

    /** @return {@code sendInitialPresence} */
    public Optional<Boolean> sendInitialPresence() {
        return Optional.ofNullable(sendInitialPresence);
    }

    /** @return {@code lang} */
    public Optional<String> lang() {
        return Optional.ofNullable(lang);
    }

    @Override
    public String toString() {
        return "XmppClientConfig{httpBindingURL=" + httpBindingUrl + ", jid=" + jid + "}";
    }

    // value readers

    private static XmppConfigException bad(String key, String expected, JsonNode got) {
        return new XmppConfigException(key, "'" + key + "' must be " + expected + ", got " + got, null);
    }

    private static @Nullable JsonNode present(JsonNode root, String key) {
        JsonNode n = root.get(key);
        return n == null || n.isNull() ? null : n;
    }

    private static @Nullable URI url(JsonNode root, String key) {
        JsonNode n = present(root, key);
        if (n == null) {
            return null;
        }
        String expected = "an absolute http or https URL";
        if (!n.isTextual()) {
            throw bad(key, expected, n);
        }
        try {
            URI uri = new URI(n.textValue());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw bad(key, expected, n);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new XmppConfigException(key, "'" + key + "' must be " + expected + ", got " + n
                + " (" + e.getReason() + ")", e);
        }
    }

    private static @Nullable Boolean bool(JsonNode root, String key) {
        JsonNode n = present(root, key);
        if (n == null) {
            return null;
        }
        if (!n.isBoolean()) {
            throw bad(key, "true or false", n);
        }
        return n.booleanValue();
    }

    private static @Nullable String string(JsonNode root, String key) {
        JsonNode n = present(root, key);
        if (n == null) {
            return null;
        }
        if (!n.isTextual() || n.textValue().isBlank()) {
            throw bad(key, "a non-blank string", n);
        }
        return n.textValue();
    }

    private static @Nullable Duration seconds(JsonNode root, String key, boolean zeroAllowed) {
        JsonNode n = present(root, key);
        if (n == null) {
            return null;
        }
        String expected = "a number of seconds " + (zeroAllowed ? ">= 0" : "> 0");
        if (!n.isNumber()) {
            throw bad(key, expected, n);
        }
        BigDecimal value = n.decimalValue();
        int sign = value.signum();
        if (sign < 0 || (sign == 0 && !zeroAllowed)) {
            throw bad(key, expected, n);
        }
        try {
            BigDecimal nanos = value.movePointRight(9);
            if (nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
                throw bad(key, expected + " and at most " + Long.MAX_VALUE / 1_000_000_000L, n);
            }
            Duration d = Duration.ofNanos(nanos.longValue());
            if (d.isZero() && !zeroAllowed) {
                throw bad(key, expected + " (at least one nanosecond)", n);
            }
            return d;
        } catch (ArithmeticException e) {
            throw bad(key, expected, n);
        }
    }

    private static @Nullable List<String> strings(JsonNode root, String key) {
        JsonNode n = present(root, key);
        if (n == null) {
            return null;
        }
        if (!n.isArray()) {
            throw bad(key, "an array of strings", n);
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            JsonNode e = n.get(i);
            if (!e.isTextual() || e.textValue().isBlank()) {
                throw new XmppConfigException(key, "'" + key + "'[" + i + "] must be a non-blank string, got " + e, null);
            }
            out.add(e.textValue());
        }
        return List.copyOf(out);
    }

    private static @Nullable List<String> mechanisms(JsonNode root) {
        List<String> names = strings(root, ENABLED_MECHANISMS);
        if (names == null) {
            return null;
        }
        try {
            SaslMechanismSelector.builder().enabledMechanisms(names).build();
        } catch (IllegalArgumentException e) {
            throw new XmppConfigException(ENABLED_MECHANISMS, "'" + ENABLED_MECHANISMS + "' is not valid: "
                + e.getMessage(), e);
        }
        return names;
    }

    private static @Nullable DiscoIdentity identity(JsonNode root) {
        JsonNode n = present(root, CAPABILITY_IDENTITY);
        if (n == null) {
            return null;
        }
        String expected = "an object {\"category\": ..., \"type\": ..., \"name\": ...}";
        if (!n.isObject()) {
            throw bad(CAPABILITY_IDENTITY, expected, n);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            String k = it.next().getKey();
            if (!IDENTITY_KEYS.contains(k)) {
                String suggestion = suggest(k, List.copyOf(IDENTITY_KEYS));
                throw new XmppConfigException(CAPABILITY_IDENTITY, "unknown key '" + CAPABILITY_IDENTITY + "." + k + "'"
                    + (suggestion == null ? " (known: category, type, name)" : " (did you mean '" + suggestion + "'?)"),
                    null);
            }
        }
        String category = identityPart(n, "category", true);
        String type = identityPart(n, "type", true);
        String name = identityPart(n, "name", false);
        try {
            return DiscoIdentity.of(Objects.requireNonNull(category), Objects.requireNonNull(type), name);
        } catch (IllegalArgumentException e) {
            throw new XmppConfigException(CAPABILITY_IDENTITY, "'" + CAPABILITY_IDENTITY + "' is not valid: "
                + e.getMessage(), e);
        }
    }

    private static @Nullable String identityPart(JsonNode identity, String part, boolean required) {
        JsonNode n = identity.get(part);
        String key = CAPABILITY_IDENTITY + "." + part;
        if (n == null || n.isNull()) {
            if (required) {
                throw new XmppConfigException(CAPABILITY_IDENTITY, "'" + key + "' is required", null);
            }
            return null;
        }
        if (!n.isTextual() || n.textValue().isBlank()) {
            throw new XmppConfigException(CAPABILITY_IDENTITY, "'" + key + "' must be a non-blank string, got " + n, null);
        }
        return n.textValue();
    }

    private static @Nullable Jid jid(JsonNode root) {
        JsonNode n = present(root, JID);
        if (n == null) {
            return null;
        }
        if (!n.isTextual()) {
            throw bad(JID, "a JID string like \"user@example.com\"", n);
        }
        Jid parsed;
        try {
            parsed = Jid.parse(n.textValue());
        } catch (JidFormatException e) {
            throw new XmppConfigException(JID, "'" + JID + "' must be a JID like \"user@example.com\", got " + n
                + " (" + e.getMessage() + ")", e);
        }
        BareJid bare = parsed.asBare();
        if (bare.localpart().isEmpty()) {
            throw bad(JID, "an account JID with a localpart (user@domain)", n);
        }
        return parsed;
    }

    /** The known key closest to an unknown one: same letters ignoring case, or at most 2 edits. */
    static @Nullable String suggest(String unknown, List<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            if (k.equalsIgnoreCase(unknown)) {
                return k;
            }
            int d = distance(unknown.toLowerCase(Locale.ROOT), k.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        return bestDistance <= 2 ? best : null;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
