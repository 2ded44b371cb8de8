package dev.latchkey.internal.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.web.ProxyHeader;
import dev.latchkey.web.WebSettings;
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

    private static final List<String> ORIGINS = List.of("https://app.example.com", "https://*.example.org",
            "http://localhost:3000", "https://b\u00fccher.example/");
    private static final List<String> PROXIES = List.of("10.0.0.0/8", "fd00::/8", "192.0.2.1");
    /** Behind proxies that write X-Forwarded-For (and X-Forwarded-Proto, X-Forwarded-Host). */
    private static final OriginCheck CHECK = new OriginCheck(new WebSettings(ORIGINS, PROXIES, ProxyHeader.X_FORWARDED_FOR, true));

    private static OriginCheck declaring(ProxyHeader header) {
        return new OriginCheck(new WebSettings(ORIGINS, PROXIES, header, true));
    }

    private static RequestFacts request(String method, String scheme, String host, String remote, String origin,
            String fetchSite, String forwarded, String xfProto, String xfHost) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Origin", origin);
        headers.put("sec-fetch-site", fetchSite);
        headers.put("Forwarded", forwarded);
        headers.put("X-Forwarded-Proto", xfProto);
        headers.put("X-FORWARDED-HOST", xfHost);
        return new RequestFacts(method, scheme, host, remote, "10.0.0.100", headers);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        // case                                | method | scheme | host              | remote      | Origin                         | Sec-Fetch-Site | Forwarded                                | XF-Proto    | XF-Host          | credential | expected
        "safe GET from another site           | GET    | https  | example.com       | 203.0.113.9 | https://evil.test              | cross-site     | -                                        | -           | -                | COOKIE | ALLOW",
        "safe HEAD                            | HEAD   | https  | example.com       | 203.0.113.9 | https://evil.test              | cross-site     | -                                        | -           | -                | COOKIE | ALLOW",
        "safe OPTIONS                         | OPTIONS| https  | example.com       | 203.0.113.9 | https://evil.test              | cross-site     | -                                        | -           | -                | COOKIE | ALLOW",
        "safe TRACE                           | TRACE  | https  | example.com       | 203.0.113.9 | https://evil.test              | cross-site     | -                                        | -           | -                | COOKIE | ALLOW",
        "bearer token from another site       | POST   | https  | example.com       | 203.0.113.9 | https://evil.test              | cross-site     | -                                        | -           | -                | BEARER | ALLOW",
        "anonymous from another site          | POST   | https  | example.com       | 203.0.113.9 | https://evil.test              | cross-site     | -                                        | -           | -                | NONE   | CSRF_CROSS_SITE",
        "anonymous from a sibling subdomain   | POST   | https  | example.com       | 203.0.113.9 | https://sub.example.com        | same-site      | -                                        | -           | -                | NONE   | CSRF_CROSS_SITE",
        "anonymous, foreign Origin only       | POST   | https  | example.com       | 203.0.113.9 | https://evil.test              | -              | -                                        | -           | -                | NONE   | CSRF_ORIGIN_MISMATCH",
        "anonymous, null Origin               | POST   | https  | example.com       | 203.0.113.9 | null                           | -              | -                                        | -           | -                | NONE   | CSRF_ORIGIN_MISMATCH",
        "anonymous same-origin                | POST   | https  | example.com       | 203.0.113.9 | https://example.com            | same-origin    | -                                        | -           | -                | NONE   | ALLOW",
        "anonymous program without headers    | POST   | https  | example.com       | 203.0.113.9 | -                              | -              | -                                        | -           | -                | NONE   | ALLOW",
        "anonymous from a trusted origin      | POST   | https  | api.example.com   | 203.0.113.9 | https://app.example.com        | cross-site     | -                                        | -           | -                | NONE   | ALLOW",
        "anonymous safe GET from another site | GET    | https  | example.com       | 203.0.113.9 | https://evil.test              | cross-site     | -                                        | -           | -                | NONE   | ALLOW",
        "fetch metadata same-origin           | POST   | https  | example.com       | 203.0.113.9 | https://example.com            | same-origin    | -                                        | -           | -                | COOKIE | ALLOW",
        "fetch metadata same-origin, no Origin| POST   | https  | example.com       | 203.0.113.9 | -                              | same-origin    | -                                        | -           | -                | COOKIE | ALLOW",
        "fetch metadata none (user typed)     | POST   | https  | example.com       | 203.0.113.9 | -                              | none           | -                                        | -           | -                | COOKIE | ALLOW",
        "fetch metadata cross-site            | POST   | https  | example.com       | 203.0.113.9 | https://evil.test              | cross-site     | -                                        | -           | -                | COOKIE | CSRF_CROSS_SITE",
        "fetch metadata cross-site, any case  | POST   | https  | example.com       | 203.0.113.9 | https://evil.test              | Cross-Site     | -                                        | -           | -                | COOKIE | CSRF_CROSS_SITE",
        "fetch metadata same-site (subdomain) | POST   | https  | example.com       | 203.0.113.9 | https://sub.example.com        | same-site      | -                                        | -           | -                | COOKIE | CSRF_CROSS_SITE",
        "PUT cross-site                       | PUT    | https  | example.com       | 203.0.113.9 | https://evil.test              | cross-site     | -                                        | -           | -                | COOKIE | CSRF_CROSS_SITE",
        "DELETE cross-site                    | DELETE | https  | example.com       | 203.0.113.9 | https://evil.test              | cross-site     | -                                        | -           | -                | COOKIE | CSRF_CROSS_SITE",
        "PATCH cross-site                     | PATCH  | https  | example.com       | 203.0.113.9 | https://evil.test              | cross-site     | -                                        | -           | -                | COOKIE | CSRF_CROSS_SITE",
        "lowercase method is not GET          | get    | https  | example.com       | 203.0.113.9 | -                              | -              | -                                        | -           | -                | COOKIE | CSRF_NO_ORIGIN",
        "trusted origin beats cross-site      | POST   | https  | api.example.com   | 203.0.113.9 | https://app.example.com        | cross-site     | -                                        | -           | -                | COOKIE | ALLOW",
        "unknown fetch-site falls back        | POST   | https  | example.com       | 203.0.113.9 | https://example.com            | sideways       | -                                        | -           | -                | COOKIE | ALLOW",
        "unknown fetch-site, bad origin       | POST   | https  | example.com       | 203.0.113.9 | https://evil.test              | sideways       | -                                        | -           | -                | COOKIE | CSRF_ORIGIN_MISMATCH",
        "origin equals own origin             | POST   | https  | example.com       | 203.0.113.9 | https://example.com            | -              | -                                        | -           | -                | COOKIE | ALLOW",
        "explicit default port                | POST   | https  | example.com       | 203.0.113.9 | https://example.com:443        | -              | -                                        | -           | -                | COOKIE | ALLOW",
        "default port in Host                 | POST   | http   | example.com:80    | 203.0.113.9 | http://example.com             | -              | -                                        | -           | -                | COOKIE | ALLOW",
        "host and origin in other case        | POST   | https  | Example.COM       | 203.0.113.9 | HTTPS://EXAMPLE.com            | -              | -                                        | -           | -                | COOKIE | ALLOW",
        "scheme differs                       | POST   | https  | example.com       | 203.0.113.9 | http://example.com             | -              | -                                        | -           | -                | COOKIE | CSRF_ORIGIN_MISMATCH",
        "port differs                         | POST   | https  | example.com       | 203.0.113.9 | https://example.com:8443       | -              | -                                        | -           | -                | COOKIE | CSRF_ORIGIN_MISMATCH",
        "port differs, non-default            | POST   | http   | localhost:8080    | 127.0.0.1   | http://localhost:8081          | -              | -                                        | -           | -                | COOKIE | CSRF_ORIGIN_MISMATCH",
        "null origin                          | POST   | https  | example.com       | 203.0.113.9 | null                           | -              | -                                        | -           | -                | COOKIE | CSRF_ORIGIN_MISMATCH",
        "no origin and no fetch metadata      | POST   | https  | example.com       | 203.0.113.9 | -                              | -              | -                                        | -           | -                | COOKIE | CSRF_NO_ORIGIN",
        "trailing dot is another origin       | POST   | https  | example.com       | 203.0.113.9 | https://example.com.           | -              | -                                        | -           | -                | COOKIE | CSRF_ORIGIN_MISMATCH",
        "suffix attack                        | POST   | https  | example.com       | 203.0.113.9 | https://example.com.evil.test  | -              | -                                        | -           | -                | COOKIE | CSRF_ORIGIN_MISMATCH",
        "prefix attack                        | POST   | https  | example.com       | 203.0.113.9 | https://evilexample.com        | -              | -                                        | -           | -                | COOKIE | CSRF_ORIGIN_MISMATCH",
        "userinfo in origin                   | POST   | https  | example.com       | 203.0.113.9 | https://example.com@evil.test  | -              | -                                        | -           | -                | COOKIE | CSRF_ORIGIN_MISMATCH",
        "origin with a path                   | POST   | https  | example.com       | 203.0.113.9 | https://example.com/           | -              | -                                        | -           | -                | COOKIE | CSRF_ORIGIN_MISMATCH",
        "other scheme                         | POST   | https  | example.com       | 203.0.113.9 | chrome-extension://abc         | -              | -                                        | -           | -                | COOKIE | CSRF_ORIGIN_MISMATCH",
        "port zero                            | POST   | https  | example.com       | 203.0.113.9 | https://example.com:0          | -              | -                                        | -           | -                | COOKIE | CSRF_ORIGIN_MISMATCH",
        "port out of range                    | POST   | https  | example.com:99999 | 203.0.113.9 | https://example.com:99999      | -              | -                                        | -           | -                | COOKIE | CSRF_ORIGIN_MISMATCH",
        "IPv6 host                            | POST   | http   | [::1]:8080        | ::1         | http://[::1]:8080              | -              | -                                        | -           | -                | COOKIE | ALLOW",
        "IPv6 host in upper case              | POST   | http   | [FE80::1]:8080    | ::1         | http://[fe80::1]:8080          | -              | -                                        | -           | -                | COOKIE | ALLOW",
        "IPv6 port differs                    | POST   | http   | [::1]:8080        | ::1         | http://[::1]:8081              | -              | -                                        | -           | -                | COOKIE | CSRF_ORIGIN_MISMATCH",
        "IPv4 host                            | POST   | http   | 127.0.0.1:8080    | 127.0.0.1   | http://127.0.0.1:8080          | -              | -                                        | -           | -                | COOKIE | ALLOW",
        "localhost is not 127.0.0.1           | POST   | http   | 127.0.0.1:8080    | 127.0.0.1   | http://localhost:8080          | -              | -                                        | -           | -                | COOKIE | CSRF_ORIGIN_MISMATCH",
        "wildcard subdomain                   | POST   | https  | api.example.net   | 203.0.113.9 | https://a.example.org          | -              | -                                        | -           | -                | COOKIE | ALLOW",
        "wildcard deeper subdomain            | POST   | https  | api.example.net   | 203.0.113.9 | https://a.b.example.org        | cross-site     | -                                        | -           | -                | COOKIE | ALLOW",
        "wildcard does not match the apex     | POST   | https  | api.example.net   | 203.0.113.9 | https://example.org            | -              | -                                        | -           | -                | COOKIE | CSRF_ORIGIN_MISMATCH",
        "wildcard needs a dot boundary        | POST   | https  | api.example.net   | 203.0.113.9 | https://evilexample.org        | -              | -                                        | -           | -                | COOKIE | CSRF_ORIGIN_MISMATCH",
        "wildcard keeps its scheme            | POST   | https  | api.example.net   | 203.0.113.9 | http://a.example.org           | -              | -                                        | -           | -                | COOKIE | CSRF_ORIGIN_MISMATCH",
        "wildcard keeps its port              | POST   | https  | api.example.net   | 203.0.113.9 | https://a.example.org:8443     | -              | -                                        | -           | -                | COOKIE | CSRF_ORIGIN_MISMATCH",
        "trusted origin with port             | POST   | https  | example.com       | 203.0.113.9 | http://localhost:3000          | -              | -                                        | -           | -                | COOKIE | ALLOW",
        "trusted origin, other port           | POST   | https  | example.com       | 203.0.113.9 | http://localhost:3001          | -              | -                                        | -           | -                | COOKIE | CSRF_ORIGIN_MISMATCH",
        "IDN trusted in Unicode, sent punycode| POST   | https  | example.com       | 203.0.113.9 | https://xn--bcher-kva.example  | -              | -                                        | -           | -                | COOKIE | ALLOW",
        "raw Unicode origin is malformed      | POST   | https  | example.com       | 203.0.113.9 | https://b\u00fccher.example    | -              | -                                        | -           | -                | COOKIE | CSRF_ORIGIN_MISMATCH",
        "proxy X-Forwarded from trusted peer  | POST   | http   | app:8080          | 10.1.2.3    | https://example.com            | -              | -                                        | https       | example.com      | COOKIE | ALLOW",
        "X-Forwarded from untrusted peer      | POST   | http   | app:8080          | 203.0.113.9 | https://example.com            | -              | -                                        | https       | example.com      | COOKIE | CSRF_ORIGIN_MISMATCH",
        "X-Forwarded list: first value        | POST   | http   | app:8080          | 10.1.2.3    | https://example.com            | -              | -                                        | 'https, http' | 'example.com, app' | COOKIE | ALLOW",
        "proxy via IPv6 range                 | POST   | http   | app:8080          | fd00::5     | https://example.com            | -              | -                                        | https       | example.com      | COOKIE | ALLOW",
        "proxy via IPv6 with brackets and zone| POST   | http   | app:8080          | [fd00::5%2] | https://example.com            | -              | -                                        | https       | example.com      | COOKIE | ALLOW",
        "a forged Forwarded is not read       | POST   | http   | app:8080          | 10.1.2.3    | https://evil.test              | -              | 'for=1.2.3.4;proto=https;host=evil.test' | https       | example.com      | COOKIE | CSRF_ORIGIN_MISMATCH",
        "nor does it spoil the declared one   | POST   | http   | app:8080          | 10.1.2.3    | https://example.com            | -              | 'for=1.2.3.4;proto=http;host=evil.test'  | https       | example.com      | COOKIE | ALLOW",
        "proxy by exact address               | POST   | http   | app:8080          | 192.0.2.1   | https://example.com            | -              | -                                        | https       | example.com      | COOKIE | ALLOW",
        "neighbour of exact proxy address     | POST   | http   | app:8080          | 192.0.2.2   | https://example.com            | -              | -                                        | https       | example.com      | COOKIE | CSRF_ORIGIN_MISMATCH",
        "Host header missing                  | POST   | https  | -                 | 203.0.113.9 | https://example.com            | -              | -                                        | -           | -                | COOKIE | CSRF_ORIGIN_MISMATCH",
        "Host header malformed                | POST   | https  | 'exa mple.com'    | 203.0.113.9 | https://example.com            | -              | -                                        | -           | -                | COOKIE | CSRF_ORIGIN_MISMATCH",
        "remote address garbage               | POST   | http   | app:8080          | not-an-ip   | https://example.com            | -              | -                                        | https       | example.com      | COOKIE | CSRF_ORIGIN_MISMATCH",
    })
    void decides(String description, String method, String scheme, String host, String remote, String origin,
            String fetchSite, String forwarded, String xfProto, String xfHost, String credential, String expected) {
        assertDecides(CHECK, description, request(method, scheme, host, remote, origin, fetchSite, forwarded, xfProto, xfHost),
                credential, expected);
    }

    private static void assertDecides(OriginCheck check, String description, RequestFacts request, String credential,
            String expected) {
        CsrfDecision decision = check.decide(request, credential(credential));
        assertEquals(expected, decision.allowed() ? "ALLOW" : decision.rejection().name(), description);
        assertEquals(decision.allowed(), decision.reason().isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        // case                               | method | scheme | host     | remote      | Origin                   | Sec-Fetch-Site | Forwarded                                | XF-Proto | XF-Host   | credential | expected
        "Forwarded header from trusted peer   | POST   | http   | app:8080 | 10.0.0.1    | https://example.com      | -              | 'for=203.0.113.9;proto=https;host=example.com' | - | -        | COOKIE | ALLOW",
        "Forwarded quoted host with port      | POST   | http   | app:8080 | 10.0.0.1    | https://example.com:8443 | -              | 'for=\"[2001:db8::1]\";host=\"example.com:8443\";proto=https, for=10.0.0.2' | - | - | COOKIE | ALLOW",
        "a forged X-Forwarded is not read     | POST   | http   | app:8080 | 10.0.0.1    | https://evil.test        | -              | 'for=203.0.113.9;proto=https;host=example.com' | https | evil.test | COOKIE | CSRF_ORIGIN_MISMATCH",
        "nor does it spoil the declared one   | POST   | http   | app:8080 | 10.0.0.1    | https://example.com      | -              | 'proto=https;host=example.com'           | http     | evil.test | COOKIE | ALLOW",
        "a client's own element before it     | POST   | http   | app:8080 | 10.0.0.1    | https://evil.test        | -              | 'for=1.2.3.4;proto=https;host=evil.test, for=203.0.113.9;proto=https;host=example.com' | - | - | COOKIE | CSRF_ORIGIN_MISMATCH",
        "the element of the proxy facing it   | POST   | http   | app:8080 | 10.0.0.1    | https://example.com      | -              | 'for=1.2.3.4;proto=https;host=evil.test, for=203.0.113.9;proto=https;host=example.com, for=10.0.0.9;proto=http;host=app' | - | - | COOKIE | ALLOW",
        "Forwarded from untrusted peer        | POST   | http   | app:8080 | 203.0.113.9 | https://example.com      | -              | 'proto=https;host=example.com'           | -        | -         | COOKIE | CSRF_ORIGIN_MISMATCH",
        "Forwarded garbage                    | POST   | http   | app:8080 | 10.0.0.1    | https://example.com      | -              | ';;=,\"unterminated'                     | -        | -         | COOKIE | CSRF_ORIGIN_MISMATCH",
    })
    void decidesBehindProxiesThatWriteForwarded(String description, String method, String scheme, String host, String remote,
            String origin, String fetchSite, String forwarded, String xfProto, String xfHost, String credential,
            String expected) {
        assertDecides(declaring(ProxyHeader.FORWARDED), description,
                request(method, scheme, host, remote, origin, fetchSite, forwarded, xfProto, xfHost), credential, expected);
    }

    private static OriginCheck.Credential credential(String column) {
        return switch (column) {
            case "COOKIE" -> OriginCheck.Credential.SESSION_COOKIE;
            case "BEARER" -> OriginCheck.Credential.BEARER_TOKEN;
            default -> OriginCheck.Credential.NONE;
        };
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        // case                                     | method | Origin                  | Sec-Fetch-Site | expected
        "form post from another site (login CSRF)   | POST   | https://evil.test       | cross-site     | CSRF_CROSS_SITE",
        "form post from a sibling subdomain         | POST   | https://sub.example.com | same-site      | CSRF_CROSS_SITE",
        "older browser, foreign Origin              | POST   | https://evil.test       | -              | CSRF_ORIGIN_MISMATCH",
        "no Origin and no Sec-Fetch-Site            | POST   | -                       | -              | CSRF_NO_ORIGIN",
        "own page                                   | POST   | https://example.com     | same-origin    | ALLOW",
        "own page, older browser                    | POST   | https://example.com     | -              | ALLOW",
        "trusted front end                          | POST   | https://app.example.com | cross-site     | ALLOW",
        "GET sign-in from a link on another site    | GET    | -                       | cross-site     | CSRF_CROSS_SITE",
        "GET sign-in from a sibling subdomain       | GET    | -                       | same-site      | CSRF_CROSS_SITE",
        "GET sign-in typed by the user              | GET    | -                       | none           | ALLOW",
        "GET sign-in without fetch metadata         | GET    | -                       | -              | ALLOW",
        "GET sign-in from a trusted origin          | GET    | https://app.example.com | cross-site     | ALLOW",
    })
    void aSignInThatSetsTheCookieIsHeldToTheCookieRule(String description, String method, String origin, String fetchSite,
            String expected) {
        CsrfDecision decision = CHECK.decideSignIn(
                request(method, "https", "example.com", "203.0.113.9", origin, fetchSite, null, null, null));
        assertEquals(expected, decision.allowed() ? "ALLOW" : decision.rejection().name(), description);
    }

    private static RequestFacts connection(String scheme, String host, String remote, String local, String... headers) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < headers.length; i += 2) {
            map.put(headers[i], headers[i + 1]);
        }
        return new RequestFacts("GET", scheme, host, remote, local, map);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        // case                                        | scheme | Host            | remote          | local      | header          | value          | expected
        "browser on this machine                        | http   | localhost:8080  | 127.0.0.1       | 127.0.0.1  | -               | -              | true",
        "browser on this machine, 127.0.0.1             | http   | 127.0.0.1:8080  | 127.0.0.1       | 127.0.0.1  | -               | -              | true",
        "browser on this machine, IPv6                  | http   | [::1]:8080      | ::1             | ::1        | -               | -              | true",
        "browser on this machine, IPv4-mapped           | http   | localhost       | ::ffff:127.0.0.1| 127.0.0.1  | -               | -              | true",
        "proxy elsewhere forwards Host 127.0.0.1        | http   | 127.0.0.1:8080  | 192.0.2.7       | 127.0.0.1  | -               | -              | false",
        "request to the public address                  | http   | localhost:8080  | 127.0.0.1       | 192.0.2.2  | -               | -              | false",
        "remote client names localhost                  | http   | localhost:8080  | 192.0.2.7       | 192.0.2.2  | -               | -              | false",
        "loopback connection to another host name       | http   | example.com     | 127.0.0.1       | 127.0.0.1  | -               | -              | false",
        "local proxy adds X-Forwarded-For               | http   | 127.0.0.1:8080  | 127.0.0.1       | 127.0.0.1  | X-Forwarded-For | 203.0.113.9    | false",
        "local proxy adds X-Forwarded-Proto             | http   | 127.0.0.1:8080  | 127.0.0.1       | 127.0.0.1  | X-Forwarded-Proto | https        | false",
        "local proxy adds Forwarded                     | http   | 127.0.0.1:8080  | 127.0.0.1       | 127.0.0.1  | Forwarded       | for=1.2.3.4    | false",
        "local proxy adds Via                           | http   | 127.0.0.1:8080  | 127.0.0.1       | 127.0.0.1  | Via             | 1.1 nginx      | false",
        "local proxy adds X-Real-IP                     | http   | 127.0.0.1:8080  | 127.0.0.1       | 127.0.0.1  | X-Real-IP       | 203.0.113.9    | false",
        "HTTPS is never development                     | https  | localhost:8443  | 127.0.0.1       | 127.0.0.1  | -               | -              | false",
        "garbage addresses                              | http   | localhost:8080  | not-an-ip       | 127.0.0.1  | -               | -              | false",
        "no Host                                        | http   | -               | 127.0.0.1       | 127.0.0.1  | -               | -              | false",
    })
    void developmentCookieOnlyForAConnectionFromThisMachineToItself(String description, String scheme, String host,
            String remote, String local, String header, String value, boolean expected) {
        RequestFacts r = header == null ? connection(scheme, host, remote, local) : connection(scheme, host, remote, local, header, value);
        assertEquals(expected, CHECK.isLocalDevelopment(r), description);
    }

    @Test
    void developmentCookieNeverThroughATrustedProxyOrWhenSwitchedOff() {
        RequestFacts local = connection("http", "localhost:8080", "127.0.0.1", "127.0.0.1");
        assertTrue(new OriginCheck(true).isLocalDevelopment(local));
        assertFalse(new OriginCheck(new WebSettings(List.of(), List.of("127.0.0.1"), ProxyHeader.X_REAL_IP, true)).isLocalDevelopment(local),
                "a trusted local proxy");
        assertFalse(new OriginCheck(false).isLocalDevelopment(local), "switched off");
    }

    @Test
    void controlCharactersAndHugeValuesNeverThrow() {
        String[] nasty = {"\u0000", "https://\u0000", "https://[::1", "https://[zz]:80", "https://:80", "https://a:",
            "https://a:b", "x".repeat(100_000), "https://" + "a.".repeat(2000), "\uffff", "https://[::1]x"};
        for (String value : nasty) {
            RequestFacts r = request("POST", "https", value, value, value, null, value, value, value);
            assertFalse(CHECK.decide(r, OriginCheck.Credential.SESSION_COOKIE).allowed());
            assertFalse(CHECK.decideSignIn(r).allowed());
            CHECK.requestOrigin(r);
            CHECK.isLocalDevelopment(r);
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
                () -> new OriginCheck(new WebSettings(List.of(origin), List.of(), null, true)));
        assertTrue(e.getMessage().startsWith("latchkey.csrf.trusted-origins: "), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "localhost", "10.0.0.0/33", "10.0.0.256", "fd00::/129", "10.0.0.0/x", "proxy.example.com"})
    void invalidTrustedProxiesFailAtConfiguration(String proxy) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new OriginCheck(new WebSettings(List.of(), List.of(proxy), ProxyHeader.FORWARDED, true)));
        assertTrue(e.getMessage().startsWith("latchkey.proxy.trusted: "), e.getMessage());
    }

    @Test
    void trustedProxiesWithoutTheHeaderTheyWriteAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new OriginCheck(new WebSettings(List.of(), List.of("10.0.0.1"), null, true)));
    }

    // ---- the client's address, for sign-in throttling ----

    private static RequestFacts from(String remote, String header, String value) {
        Map<String, String> headers = new HashMap<>();
        if (header != null) {
            headers.put(header, value);
        }
        return new RequestFacts("POST", "https", "example.com", remote, "10.0.0.100", headers);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        // case                                     | peer         | header          | value                                            | client
        "a direct client                            | 203.0.113.9  | -               | -                                                | 203.0.113.9",
        "a direct client's forwarding headers lie   | 203.0.113.9  | X-Forwarded-For | 1.2.3.4                                          | 203.0.113.9",
        "through a trusted proxy                    | 10.0.0.5     | X-Forwarded-For | 198.51.100.7                                     | 198.51.100.7",
        "a spoofed hop left of the real one         | 10.0.0.5     | X-Forwarded-For | 1.2.3.4, 198.51.100.7                            | 198.51.100.7",
        "two trusted proxies                        | 10.0.0.5     | X-Forwarded-For | 1.2.3.4, 198.51.100.7, 10.1.1.1                  | 198.51.100.7",
        "with a port                                | 10.0.0.5     | X-Forwarded-For | 198.51.100.7:5555                                | 198.51.100.7",
        "only trusted hops                          | 10.0.0.5     | X-Forwarded-For | 10.9.9.9, 10.1.1.1                               | 10.9.9.9",
        "garbage where the proxy wrote              | 10.0.0.5     | X-Forwarded-For | 1.2.3.4, unknown                                 | 10.0.0.5",
        "no header from a trusted proxy             | 10.0.0.5     | -               | -                                                | 10.0.0.5",
        "Forwarded for=                             | 10.0.0.5     | Forwarded       | for=1.2.3.4, for=198.51.100.7;proto=https        | 198.51.100.7",
        "Forwarded for= IPv6 with port              | 10.0.0.5     | Forwarded       | for=\"[2001:db8:cafe:1:2:3:4:5]:4711\"          | 2001:db8:cafe:1::/64",
        "X-Real-IP                                  | 10.0.0.5     | X-Real-IP       | 198.51.100.7                                     | 198.51.100.7",
        "an IPv6 client is its /64                  | 2001:db8:cafe:1:ffff::9 | -    | -                                                | 2001:db8:cafe:1::/64",
        "IPv4-mapped IPv6 is IPv4                   | ::ffff:203.0.113.9 | -         | -                                                | 203.0.113.9",
    })
    void theClientIsTheNearestHopThatIsNotATrustedProxy(String name, String peer, String header, String value, String client) {
        OriginCheck check = header == null ? CHECK : declaring(ProxyHeader.parse(header));
        assertEquals(client, check.clientAddress(from(peer, header, value)), name);
    }

    /**
     * A proxy appends its hop to what the client sent: however much the client writes on the left — more
     * hops than are read, more text than is read, an unclosed quote — the proxy's hop stays the one read.
     */
    @Test
    void whatAClientWritesLeftOfTheProxysHopNeverHidesIt() {
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("X-Forwarded-For", "6.6.6.1, ".repeat(40) + "198.51.100.7");
        cases.put("X-Forwarded-For ", "6.6.6.1, ".repeat(3000) + "198.51.100.7");
        cases.put("Forwarded", "for=6.6.6.1, ".repeat(40) + "for=198.51.100.7");
        cases.put("Forwarded ", "for=6.6.6.6, for=\"x, for=198.51.100.7");
        cases.put("Forwarded  ", "for=6.6.6.6;host=\"a,b\", for=\"[2001:db8:cafe:1::9]\"");
        for (Map.Entry<String, String> written : cases.entrySet()) {
            String header = written.getKey().strip();
            String expected = written.getValue().endsWith("]\"") ? "2001:db8:cafe:1::/64" : "198.51.100.7";
            assertEquals(expected, declaring(ProxyHeader.parse(header)).clientAddress(from("10.0.0.5", header, written.getValue())),
                    header + " of " + written.getValue().length() + " characters");
        }
    }

    /** For each header a proxy may be declared to write: forged copies of the other two change nothing. */
    @ParameterizedTest
    @ValueSource(strings = {"Forwarded", "X-Forwarded-For", "X-Real-IP"})
    void onlyTheDeclaredHeaderNamesTheClient(String declared) {
        Map<String, String> written = Map.of("Forwarded", "for=198.51.100.7", "X-Forwarded-For", "198.51.100.7",
                "X-Real-IP", "198.51.100.7");
        Map<String, String> forged = Map.of("Forwarded", "for=203.0.113.66", "X-Forwarded-For", "203.0.113.77",
                "X-Real-IP", "203.0.113.88");
        OriginCheck check = declaring(ProxyHeader.parse(declared));
        Map<String, String> headers = new HashMap<>(forged);
        headers.put(declared, written.get(declared));
        assertEquals("198.51.100.7", check.clientAddress(new RequestFacts("POST", "https", "example.com", "10.0.0.5",
                "10.0.0.100", headers)), "the declared header, whatever the others say");
        Map<String, String> withoutIt = new HashMap<>(forged);
        withoutIt.remove(declared);
        assertEquals("10.0.0.5", check.clientAddress(new RequestFacts("POST", "https", "example.com", "10.0.0.5",
                "10.0.0.100", withoutIt)), "without the declared header, the proxy itself");
        assertEquals("203.0.113.9", check.clientAddress(new RequestFacts("POST", "https", "example.com", "203.0.113.9",
                "10.0.0.100", headers)), "from a peer that is no trusted proxy, no header at all");
    }
}
