package org.reactorxmpp.xmpp.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NodeUrlsTest {

    @ParameterizedTest(name = "{0} + {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        // rule 1: node is an IP address -> replace the host, keep scheme, port, path, query
        "http://sd1.example.com:7335/httpbinding | 10.0.0.7 | http://10.0.0.7:7335/httpbinding",
        "https://sd1.example.com/httpbinding?x=1 | 192.168.1.20 | https://192.168.1.20/httpbinding?x=1",
        "http://10.0.0.1:7335/httpbinding | 10.0.0.2 | http://10.0.0.2:7335/httpbinding",
        "http://sd1.example.com:7335/httpbinding | 2001:db8::7 | http://[2001:db8::7]:7335/httpbinding",
        "http://sd1.example.com:7335/httpbinding | [2001:DB8::7] | http://[2001:db8::7]:7335/httpbinding",
        "http://[2001:db8::1]:7335/httpbinding | ::1 | http://[::1]:7335/httpbinding",
        "http://sd1.example.com/httpbinding | ::ffff:10.1.2.3 | http://[::ffff:10.1.2.3]/httpbinding",
        // rule 2: bare path behind a same-origin proxy -> '/' + node
        "/httpbinding | cup-home | /cup-home",
        "/httpbinding | cup-home.example.com | /cup-home.example.com",
        "/ | 10.0.0.7 | /10.0.0.7",
        // rule 3: SD host an FQDN, node a short name -> replace the first label
        "http://sd1.example.com:7335/httpbinding | home-a | http://home-a.example.com:7335/httpbinding",
        "https://SD1.Example.COM/httpbinding | Home-A | https://home-a.example.com/httpbinding",
        "https://sd1.eu.example.com/http-bind | cup2 | https://cup2.eu.example.com/http-bind",
        // rule 4: node an FQDN -> used as host; SD host an IP or a short name -> node used as host
        "http://sd1.example.com:7335/httpbinding | cup-home.other.net | http://cup-home.other.net:7335/httpbinding",
        "http://10.0.0.1:7335/httpbinding | cup-home | http://cup-home:7335/httpbinding",
        "http://[::1]:7335/httpbinding | cup-home | http://cup-home:7335/httpbinding",
        "http://localhost:5280/http-bind | node2 | http://node2:5280/http-bind",
        "http://sd1.example.com/httpbinding | cup-home.example.com. | http://cup-home.example.com./httpbinding",
    })
    void buildsNodeUrls(String sd, String node, String expected) {
        assertThat(NodeUrls.nodeUrl(URI.create(sd), node)).isEqualTo(URI.create(expected));
    }

    @ParameterizedTest(name = "{1} refused: {2}")
    @CsvSource(delimiter = '|', value = {
        "http://sd1.example.com/httpbinding | '' | empty node name",
        "http://sd1.example.com/httpbinding | '   ' | empty node name",
        "http://sd1.example.com/httpbinding | cup home | character ' ' U+0020",
        "http://sd1.example.com/httpbinding | cup/home | character '/'",
        "http://sd1.example.com/httpbinding | user@cup | character '@'",
        "http://sd1.example.com/httpbinding | -cup | starts or ends with '-'",
        "http://sd1.example.com/httpbinding | cup..example.com | label ''",
        "http://sd1.example.com/httpbinding | 2001:db8::1::2 | two '::'",
        "http://sd1.example.com/httpbinding | 2001:db8:zz::1 | group 'zz'",
        "http://sd1.example.com/httpbinding | 1:2:3:4:5:6:7 | 7 groups",
        "http://sd1.example.com/httpbinding | [cup-home] | bracketed but not an IPv6 address",
        "http://sd1.example.com/httpbinding | ::ffff:10.1.2.300 | malformed embedded IPv4",
        "http://sd1.example.com/httpbinding | näme | U+00E4",
        "ftp://sd1.example.com/httpbinding | cup-home | not http or https",
        "httpbinding | cup-home | neither absolute",
    })
    void refusesWhatCannotBeAHost(String sd, String node, String message) {
        assertThatThrownBy(() -> NodeUrls.nodeUrl(URI.create(sd), node))
            .isInstanceOf(InvalidNodeException.class)
            .hasMessageContaining(message);
    }

    @org.junit.jupiter.api.Test
    void refusesOverlongLabelsAndNames() {
        String label64 = "a".repeat(64);
        assertThatThrownBy(() -> NodeUrls.nodeUrl(URI.create("http://sd.example.com/b"), label64))
            .isInstanceOf(InvalidNodeException.class).hasMessageContaining("label");
        String name254 = ("a".repeat(50) + ".").repeat(5) + "abcd";
        assertThatThrownBy(() -> NodeUrls.nodeUrl(URI.create("http://sd.example.com/b"), name254))
            .isInstanceOf(InvalidNodeException.class).hasMessageContaining("length");
        // a short name that becomes too long once the SD domain is appended is refused too
        String label63 = "b".repeat(63);
        URI longSd = URI.create("http://sd." + ("c".repeat(60) + ".").repeat(3) + "example.com/b");
        assertThatThrownBy(() -> NodeUrls.nodeUrl(longSd, label63))
            .isInstanceOf(InvalidNodeException.class).hasMessageContaining("length");
    }
}
