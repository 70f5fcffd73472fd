package org.reactorxmpp.xmpp.failover;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * Builds the BOSH URL of a Cisco Unified Presence node from the service-discovery (SD) URL the
 * client first connected to, by the rules CUP deployments rely on:
 * <ol>
 *   <li>the node is an IPv4 or IPv6 address: it replaces the SD URL's host (IPv6 in brackets);
 *       scheme, port, path and query are kept;</li>
 *   <li>the SD URL is a bare path (the page talks to BOSH through a same-origin proxy, e.g.
 *       {@code /httpbinding}): the node's URL is the path {@code /} + node;</li>
 *   <li>the SD host is a fully qualified name and the node a short name: the node replaces the
 *       first label ({@code sd1.example.com} + {@code home-a} gives {@code home-a.example.com});</li>
 *   <li>the node is a fully qualified name, or the SD host is an IP address: the node becomes the
 *       host.</li>
 * </ol>
 * Names are compared and produced in lower case. A node that cannot be a host name (empty, spaces,
 * {@code /}, {@code @}, a label over 63 characters, a name over 253...) and an SD URL without a host
 * that is not a bare path are refused with an {@link InvalidNodeException} naming the input.
 *
 * <pre>{@code
 * URI sd = URI.create("https://sd1.example.com:7335/httpbinding");
 * URI home = NodeUrls.nodeUrl(sd, "cup-home");   // https://cup-home.example.com:7335/httpbinding
 * }</pre>
 */
public final class NodeUrls {

    private NodeUrls() {
    }

    /**
     * The BOSH URL of a node.
     *
     * @param serviceDiscoveryUrl the SD URL (absolute {@code http}/{@code https}, or a bare path)
     * @param node the node name from the server, a short name, an FQDN or an IP address
     * @return the node's URL
     * @throws InvalidNodeException when the node or the SD URL cannot be used
     */
    public static URI nodeUrl(URI serviceDiscoveryUrl, String node) {
        Objects.requireNonNull(serviceDiscoveryUrl, "serviceDiscoveryUrl");
        Objects.requireNonNull(node, "node");
        String n = node.trim();
        if (n.isEmpty()) {
            throw new InvalidNodeException("empty node name (service-discovery URL " + serviceDiscoveryUrl + ")");
        }
        String ipv6 = ipv6Literal(n);
        boolean isIpv4 = ipv6 == null && isIpv4(n);
        if (ipv6 == null && !isIpv4) {
            checkHostName(n, node);
        }
        String nodeHost = ipv6 != null ? "[" + ipv6 + "]" : n.toLowerCase(Locale.ROOT);

        if (serviceDiscoveryUrl.getScheme() == null && serviceDiscoveryUrl.getHost() == null
            && serviceDiscoveryUrl.getRawAuthority() == null) {
            String path = serviceDiscoveryUrl.getRawPath();
            if (path == null || !path.startsWith("/")) {
                throw new InvalidNodeException("service-discovery URL '" + serviceDiscoveryUrl
                    + "' is neither absolute (http/https) nor a bare path starting with '/'");
            }
            return URI.create("/" + (ipv6 != null ? ipv6 : nodeHost));
        }
        String scheme = serviceDiscoveryUrl.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
            throw new InvalidNodeException("service-discovery URL '" + serviceDiscoveryUrl + "' is not http or https");
        }
        String sdHost = serviceDiscoveryUrl.getHost();
        if (sdHost == null || sdHost.isEmpty()) {
            throw new InvalidNodeException("service-discovery URL '" + serviceDiscoveryUrl + "' has no host");
        }

        String host;
        if (ipv6 != null || isIpv4) {
            host = nodeHost;                                        // rule 1
        } else if (n.indexOf('.') < 0 && !isIpLiteral(sdHost) && sdHost.indexOf('.') > 0) {
            host = nodeHost + sdHost.substring(sdHost.indexOf('.')).toLowerCase(Locale.ROOT); // rule 3
            checkHostName(host, node);
        } else {
            host = nodeHost;                                        // rule 4
        }
        try {
            return new URI(scheme.toLowerCase(Locale.ROOT), serviceDiscoveryUrl.getRawUserInfo() == null ? null
                : serviceDiscoveryUrl.getUserInfo(), host, serviceDiscoveryUrl.getPort(),
                serviceDiscoveryUrl.getPath(), serviceDiscoveryUrl.getQuery(), null);
        } catch (URISyntaxException e) {
            throw new InvalidNodeException("cannot build a URL for node '" + node + "' from '" + serviceDiscoveryUrl
                + "': " + e.getMessage());
        }
    }

    private static boolean isIpLiteral(String host) {
        return host.startsWith("[") || isIpv4(host);
    }

    /** Dotted quad, each part 0..255 without leading zeros. */
    static boolean isIpv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0')) {
                return false;
            }
            for (int i = 0; i < p.length(); i++) {
                if (p.charAt(i) < '0' || p.charAt(i) > '9') {
                    return false;
                }
            }
            if (Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    /**
     * The IPv6 address in lower case if the text is one (with or without brackets), else null.
     * Checked syntactically, never through a name lookup.
     */
    static String ipv6Literal(String s) {
        String t = s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
        if (t.indexOf(':') < 0) {
            if (t != s) {
                throw new InvalidNodeException("node '" + s + "' is bracketed but not an IPv6 address");
            }
            return null;
        }
        String addr = t.toLowerCase(Locale.ROOT);
        int doubleColon = addr.indexOf("::");
        if (doubleColon >= 0 && addr.indexOf("::", doubleColon + 1) >= 0) {
            throw new InvalidNodeException("node '" + s + "' is not an IPv6 address (two '::')");
        }
        String[] groups = addr.split(":", -1);
        int count = 0;
        for (int i = 0; i < groups.length; i++) {
            String g = groups[i];
            if (g.isEmpty()) {
                continue; // part of '::' (checked above) or leading/trailing ':' of '::'
            }
            if (i == groups.length - 1 && g.indexOf('.') >= 0) {
                if (!isIpv4(g)) {
                    throw new InvalidNodeException("node '" + s + "' has a malformed embedded IPv4 part");
                }
                count += 2;
                continue;
            }
            if (g.length() > 4 || !g.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                throw new InvalidNodeException("node '" + s + "' is not an IPv6 address (group '" + g + "')");
            }
            count++;
        }
        boolean compressed = doubleColon >= 0;
        if ((compressed && count > 7) || (!compressed && count != 8)) {
            throw new InvalidNodeException("node '" + s + "' is not an IPv6 address (" + count + " groups)");
        }
        if (!compressed && (addr.startsWith(":") || addr.endsWith(":"))) {
            throw new InvalidNodeException("node '" + s + "' is not an IPv6 address (stray ':')");
        }
        return addr;
    }

    /** RFC 1123 host name: labels of letters, digits and '-', 1..63 chars, not starting/ending with '-'. */
    private static void checkHostName(String name, String original) {
        String h = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        if (h.isEmpty() || h.length() > 253) {
            throw new InvalidNodeException("node '" + original + "' is not a host name (length " + h.length() + ")");
        }
        for (String label : h.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63) {
                throw new InvalidNodeException("node '" + original + "' is not a host name (label '" + label + "')");
            }
            if (label.charAt(0) == '-' || label.charAt(label.length() - 1) == '-') {
                throw new InvalidNodeException("node '" + original + "' is not a host name (label '" + label
                    + "' starts or ends with '-')");
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
                if (!ok) {
                    throw new InvalidNodeException(String.format(
                        "node '%s' is not a host name (character '%s' U+%04X)", original, c, (int) c));
                }
            }
        }
    }
}
