package dev.latchkey.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CSRF decision, table-driven. Cases follow the origin-verification rules of Lucia's
 * verifyRequestOrigin and the OWASP CSRF prevention cheat sheet (Fetch Metadata first, then an exact
 * Origin match), plus proxies, ports, IPv6, IDN, trailing dots and case.
 */
class OriginCheckTest {

    private static final OriginCheck CHECK = new OriginCheck(
            List.of("https://app.example.com", "https://*.example.org", "http://localhost:3000", "https://b\u00fccher.example/"),
            List.of("10.0.0.0/8", "fd00::/8", "192.0.2.1"));

    private static RequestFacts request(String method, String scheme, String host, String remote, String origin,
            String fetchSite, String forwarded, String xfProto, String xfHost) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Origin", origin);
        headers.put("sec-fetch-site", fetchSite);
        headers.put("Forwarded", forwarded);
        headers.put("X-Forwarded-Proto", xfProto);
        headers.put("X-FORWARDED-HOST", xfHost);
        return new RequestFacts(method, scheme, host, remote, headers);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        // case                                | method | scheme | host              | remote      | Origin                         | Sec-Fetch-Site | Forwarded                                | XF-Proto    | XF-Host          | cookie | expected
        "safe GET from another site           | GET    | https  | example.com       | 203.0.113.9 | https://evil.test              | cross-site     | -                                        | -           | -                | true   | ALLOW",
        "safe HEAD                            | HEAD   | https  | example.com       | 203.0.113.9 | https://evil.test              | cross-site     | -                                        | -           | -                | true   | ALLOW",
        "safe OPTIONS                         | OPTIONS| https  | example.com       | 203.0.113.9 | https://evil.test              | cross-site     | -                                        | -           | -                | true   | ALLOW",
        "safe TRACE                           | TRACE  | https  | example.com       | 203.0.113.9 | https://evil.test              | cross-site     | -                                        | -           | -                | true   | ALLOW",
        "no cookie: bearer or anonymous       | POST   | https  | example.com       | 203.0.113.9 | https://evil.test              | cross-site     | -                                        | -           | -                | false  | ALLOW",
        "fetch metadata same-origin           | POST   | https  | example.com       | 203.0.113.9 | https://example.com            | same-origin    | -                                        | -           | -                | true   | ALLOW",
        "fetch metadata same-origin, no Origin| POST   | https  | example.com       | 203.0.113.9 | -                              | same-origin    | -                                        | -           | -                | true   | ALLOW",
        "fetch metadata none (user typed)     | POST   | https  | example.com       | 203.0.113.9 | -                              | none           | -                                        | -           | -                | true   | ALLOW",
        "fetch metadata cross-site            | POST   | https  | example.com       | 203.0.113.9 | https://evil.test              | cross-site     | -                                        | -           | -                | true   | CSRF_CROSS_SITE",
        "fetch metadata cross-site, any case  | POST   | https  | example.com       | 203.0.113.9 | https://evil.test              | Cross-Site     | -                                        | -           | -                | true   | CSRF_CROSS_SITE",
        "fetch metadata same-site (subdomain) | POST   | https  | example.com       | 203.0.113.9 | https://sub.example.com        | same-site      | -                                        | -           | -                | true   | CSRF_CROSS_SITE",
        "PUT cross-site                       | PUT    | https  | example.com       | 203.0.113.9 | https://evil.test              | cross-site     | -                                        | -           | -                | true   | CSRF_CROSS_SITE",
        "DELETE cross-site                    | DELETE | https  | example.com       | 203.0.113.9 | https://evil.test              | cross-site     | -                                        | -           | -                | true   | CSRF_CROSS_SITE",
        "PATCH cross-site                     | PATCH  | https  | example.com       | 203.0.113.9 | https://evil.test              | cross-site     | -                                        | -           | -                | true   | CSRF_CROSS_SITE",
        "lowercase method is not GET          | get    | https  | example.com       | 203.0.113.9 | -                              | -              | -                                        | -           | -                | true   | CSRF_NO_ORIGIN",
        "trusted origin beats cross-site      | POST   | https  | api.example.com   | 203.0.113.9 | https://app.example.com        | cross-site     | -                                        | -           | -                | true   | ALLOW",
        "unknown fetch-site falls back        | POST   | https  | example.com       | 203.0.113.9 | https://example.com            | sideways       | -                                        | -           | -                | true   | ALLOW",
        "unknown fetch-site, bad origin       | POST   | https  | example.com       | 203.0.113.9 | https://evil.test              | sideways       | -                                        | -           | -                | true   | CSRF_ORIGIN_MISMATCH",
        "origin equals own origin             | POST   | https  | example.com       | 203.0.113.9 | https://example.com            | -              | -                                        | -           | -                | true   | ALLOW",
        "explicit default port                | POST   | https  | example.com       | 203.0.113.9 | https://example.com:443        | -              | -                                        | -           | -                | true   | ALLOW",
        "default port in Host                 | POST   | http   | example.com:80    | 203.0.113.9 | http://example.com             | -              | -                                        | -           | -                | true   | ALLOW",
        "host and origin in other case        | POST   | https  | Example.COM       | 203.0.113.9 | HTTPS://EXAMPLE.com            | -              | -                                        | -           | -                | true   | ALLOW",
        "scheme differs                       | POST   | https  | example.com       | 203.0.113.9 | http://example.com             | -              | -                                        | -           | -                | true   | CSRF_ORIGIN_MISMATCH",
        "port differs                         | POST   | https  | example.com       | 203.0.113.9 | https://example.com:8443       | -              | -                                        | -           | -                | true   | CSRF_ORIGIN_MISMATCH",
        "port differs, non-default            | POST   | http   | localhost:8080    | 127.0.0.1   | http://localhost:8081          | -              | -                                        | -           | -                | true   | CSRF_ORIGIN_MISMATCH",
        "null origin                          | POST   | https  | example.com       | 203.0.113.9 | null                           | -              | -                                        | -           | -                | true   | CSRF_ORIGIN_MISMATCH",
        "no origin and no fetch metadata      | POST   | https  | example.com       | 203.0.113.9 | -                              | -              | -                                        | -           | -                | true   | CSRF_NO_ORIGIN",
        "trailing dot is another origin       | POST   | https  | example.com       | 203.0.113.9 | https://example.com.           | -              | -                                        | -           | -                | true   | CSRF_ORIGIN_MISMATCH",
        "suffix attack                        | POST   | https  | example.com       | 203.0.113.9 | https://example.com.evil.test  | -              | -                                        | -           | -                | true   | CSRF_ORIGIN_MISMATCH",
        "prefix attack                        | POST   | https  | example.com       | 203.0.113.9 | https://evilexample.com        | -              | -                                        | -           | -                | true   | CSRF_ORIGIN_MISMATCH",
        "userinfo in origin                   | POST   | https  | example.com       | 203.0.113.9 | https://example.com@evil.test  | -              | -                                        | -           | -                | true   | CSRF_ORIGIN_MISMATCH",
        "origin with a path                   | POST   | https  | example.com       | 203.0.113.9 | https://example.com/           | -              | -                                        | -           | -                | true   | CSRF_ORIGIN_MISMATCH",
        "other scheme                         | POST   | https  | example.com       | 203.0.113.9 | chrome-extension://abc         | -              | -                                        | -           | -                | true   | CSRF_ORIGIN_MISMATCH",
        "port zero                            | POST   | https  | example.com       | 203.0.113.9 | https://example.com:0          | -              | -                                        | -           | -                | true   | CSRF_ORIGIN_MISMATCH",
        "port out of range                    | POST   | https  | example.com:99999 | 203.0.113.9 | https://example.com:99999      | -              | -                                        | -           | -                | true   | CSRF_ORIGIN_MISMATCH",
        "IPv6 host                            | POST   | http   | [::1]:8080        | ::1         | http://[::1]:8080              | -              | -                                        | -           | -                | true   | ALLOW",
        "IPv6 host in upper case              | POST   | http   | [FE80::1]:8080    | ::1         | http://[fe80::1]:8080          | -              | -                                        | -           | -                | true   | ALLOW",
        "IPv6 port differs                    | POST   | http   | [::1]:8080        | ::1         | http://[::1]:8081              | -              | -                                        | -           | -                | true   | CSRF_ORIGIN_MISMATCH",
        "IPv4 host                            | POST   | http   | 127.0.0.1:8080    | 127.0.0.1   | http://127.0.0.1:8080          | -              | -                                        | -           | -                | true   | ALLOW",
        "localhost is not 127.0.0.1           | POST   | http   | 127.0.0.1:8080    | 127.0.0.1   | http://localhost:8080          | -              | -                                        | -           | -                | true   | CSRF_ORIGIN_MISMATCH",
        "wildcard subdomain                   | POST   | https  | api.example.net   | 203.0.113.9 | https://a.example.org          | -              | -                                        | -           | -                | true   | ALLOW",
        "wildcard deeper subdomain            | POST   | https  | api.example.net   | 203.0.113.9 | https://a.b.example.org        | cross-site     | -                                        | -           | -                | true   | ALLOW",
        "wildcard does not match the apex     | POST   | https  | api.example.net   | 203.0.113.9 | https://example.org            | -              | -                                        | -           | -                | true   | CSRF_ORIGIN_MISMATCH",
        "wildcard needs a dot boundary        | POST   | https  | api.example.net   | 203.0.113.9 | https://evilexample.org        | -              | -                                        | -           | -                | true   | CSRF_ORIGIN_MISMATCH",
        "wildcard keeps its scheme            | POST   | https  | api.example.net   | 203.0.113.9 | http://a.example.org           | -              | -                                        | -           | -                | true   | CSRF_ORIGIN_MISMATCH",
        "wildcard keeps its port              | POST   | https  | api.example.net   | 203.0.113.9 | https://a.example.org:8443     | -              | -                                        | -           | -                | true   | CSRF_ORIGIN_MISMATCH",
        "trusted origin with port             | POST   | https  | example.com       | 203.0.113.9 | http://localhost:3000          | -              | -                                        | -           | -                | true   | ALLOW",
        "trusted origin, other port           | POST   | https  | example.com       | 203.0.113.9 | http://localhost:3001          | -              | -                                        | -           | -                | true   | CSRF_ORIGIN_MISMATCH",
        "IDN trusted in Unicode, sent punycode| POST   | https  | example.com       | 203.0.113.9 | https://xn--bcher-kva.example  | -              | -                                        | -           | -                | true   | ALLOW",
        "raw Unicode origin is malformed      | POST   | https  | example.com       | 203.0.113.9 | https://b\u00fccher.example    | -              | -                                        | -           | -                | true   | CSRF_ORIGIN_MISMATCH",
        "proxy X-Forwarded from trusted peer  | POST   | http   | app:8080          | 10.1.2.3    | https://example.com            | -              | -                                        | https       | example.com      | true   | ALLOW",
        "X-Forwarded from untrusted peer      | POST   | http   | app:8080          | 203.0.113.9 | https://example.com            | -              | -                                        | https       | example.com      | true   | CSRF_ORIGIN_MISMATCH",
        "X-Forwarded list: first value        | POST   | http   | app:8080          | 10.1.2.3    | https://example.com            | -              | -                                        | 'https, http' | 'example.com, app' | true | ALLOW",
        "proxy via IPv6 range                 | POST   | http   | app:8080          | fd00::5     | https://example.com            | -              | -                                        | https       | example.com      | true   | ALLOW",
        "proxy via IPv6 with brackets and zone| POST   | http   | app:8080          | [fd00::5%2] | https://example.com            | -              | -                                        | https       | example.com      | true   | ALLOW",
        "proxy by exact address               | POST   | http   | app:8080          | 192.0.2.1   | https://example.com            | -              | -                                        | https       | example.com      | true   | ALLOW",
        "neighbour of exact proxy address     | POST   | http   | app:8080          | 192.0.2.2   | https://example.com            | -              | -                                        | https       | example.com      | true   | CSRF_ORIGIN_MISMATCH",
        "Forwarded header from trusted peer   | POST   | http   | app:8080          | 10.0.0.1    | https://example.com            | -              | 'for=203.0.113.9;proto=https;host=example.com' | -     | -                | true   | ALLOW",
        "Forwarded quoted host with port      | POST   | http   | app:8080          | 10.0.0.1    | https://example.com:8443       | -              | 'for=\"[2001:db8::1]\";host=\"example.com:8443\";proto=https, for=10.0.0.2' | - | - | true | ALLOW",
        "Forwarded beats X-Forwarded          | POST   | http   | app:8080          | 10.0.0.1    | https://example.com            | -              | 'proto=https;host=example.com'           | http        | evil.test        | true   | ALLOW",
        "Forwarded from untrusted peer        | POST   | http   | app:8080          | 203.0.113.9 | https://example.com            | -              | 'proto=https;host=example.com'           | -           | -                | true   | CSRF_ORIGIN_MISMATCH",
        "Forwarded garbage                    | POST   | http   | app:8080          | 10.0.0.1    | https://example.com            | -              | ';;=,\"unterminated'                     | -           | -                | true   | CSRF_ORIGIN_MISMATCH",
        "Host header missing                  | POST   | https  | -                 | 203.0.113.9 | https://example.com            | -              | -                                        | -           | -                | true   | CSRF_ORIGIN_MISMATCH",
        "Host header malformed                | POST   | https  | 'exa mple.com'    | 203.0.113.9 | https://example.com            | -              | -                                        | -           | -                | true   | CSRF_ORIGIN_MISMATCH",
        "remote address garbage               | POST   | http   | app:8080          | not-an-ip   | https://example.com            | -              | -                                        | https       | example.com      | true   | CSRF_ORIGIN_MISMATCH",
    })
    void decides(String description, String method, String scheme, String host, String remote, String origin,
            String fetchSite, String forwarded, String xfProto, String xfHost, boolean cookie, String expected) {
        CsrfDecision decision = CHECK.decide(
                request(method, scheme, host, remote, origin, fetchSite, forwarded, xfProto, xfHost), cookie);
        assertEquals(expected, decision.allowed() ? "ALLOW" : decision.rejection().name(), description);
        assertEquals(decision.allowed(), decision.reason().isEmpty());
    }

    @Test
    void controlCharactersAndHugeValuesNeverThrow() {
        String[] nasty = {"\u0000", "https://\u0000", "https://[::1", "https://[zz]:80", "https://:80", "https://a:",
            "https://a:b", "x".repeat(100_000), "https://" + "a.".repeat(2000), "\uffff", "https://[::1]x"};
        for (String value : nasty) {
            RequestFacts r = request("POST", "https", value, value, value, null, value, value, value);
            assertFalse(CHECK.decide(r, true).allowed());
            CHECK.requestOrigin(r);
        }
    }

    @Test
    void requestOriginAndSchemeComeFromTrustedProxiesOnly() {
        RequestFacts viaProxy = request("GET", "http", "app:8080", "10.9.9.9", null, null, null, "https", "example.com");
        assertEquals(Optional.of("https://example.com:443"), CHECK.requestOrigin(viaProxy));
        assertTrue(CHECK.isSecure(viaProxy));
        RequestFacts spoofed = request("GET", "http", "app:8080", "203.0.113.9", null, null, null, "https", "example.com");
        assertEquals(Optional.of("http://app:8080"), CHECK.requestOrigin(spoofed));
        assertFalse(CHECK.isSecure(spoofed));
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "ftp://example.com", "https://", "https://*.", "https://exa mple.com",
        "https://*.[::1]", "https://example.com:70000"})
    void invalidTrustedOriginsFailAtConfiguration(String origin) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new OriginCheck(List.of(origin), List.of()));
        assertTrue(e.getMessage().startsWith("latchkey.csrf.trusted-origins: "), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "localhost", "10.0.0.0/33", "10.0.0.256", "fd00::/129", "10.0.0.0/x", "proxy.example.com"})
    void invalidTrustedProxiesFailAtConfiguration(String proxy) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new OriginCheck(List.of(), List.of(proxy)));
        assertTrue(e.getMessage().startsWith("latchkey.proxy.trusted: "), e.getMessage());
    }
}
