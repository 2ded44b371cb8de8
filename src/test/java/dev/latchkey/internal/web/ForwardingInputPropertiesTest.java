package dev.latchkey.internal.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.latchkey.web.ProxyHeader;
import dev.latchkey.web.WebSettings;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Forwarding headers of any text, from a trusted proxy, through each header a proxy may be declared to
 * write: the client's address and the request's own origin always come out, as a value or as nothing,
 * never as an exception; and the hop the proxy appends is the client, whatever the client wrote before it.
 */
class ForwardingInputPropertiesTest {

    @Provide
    Arbitrary<String> header() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(80),
                Arbitraries.strings().withChars("for=;proto=host\",[]:1.0a, unknown_").ofMaxLength(120),
                Arbitraries.strings().all().ofMinLength(4000).ofMaxLength(9000),
                Arbitraries.of("", ",", ";", "for=", "for=\"", "for=\"[::1", "1.2.3.4, ".repeat(500), "[::1]:",
                        "for=_hidden, for=unknown"));
    }

    @Property(tries = 500)
    void anyForwardingHeaderGivesAnAddressAndNeverThrows(@ForAll("header") String forwarded, @ForAll("header") String xff,
            @ForAll("header") String realIp, @ForAll("header") String host) {
        for (ProxyHeader declared : ProxyHeader.values()) {
            OriginCheck check = new OriginCheck(WebSettings.defaults().behindProxies(List.of("10.0.0.0/8"), declared));
            RequestFacts request = new RequestFacts("POST", "http", host, "10.0.0.5", "10.0.0.100", Map.of(
                    "Forwarded", forwarded, "X-Forwarded-For", xff, "X-Real-IP", realIp, "X-Forwarded-Host", host,
                    "X-Forwarded-Proto", realIp, "Origin", host, "Sec-Fetch-Site", xff));
            String client = check.clientAddress(request);
            assertNotNull(client);
            assertFalse(client.isEmpty(), "an address: " + declared);
            check.requestOrigin(request);
            check.requestBaseUrl(request);
            check.isSecure(request);
            check.decide(request, OriginCheck.Credential.SESSION_COOKIE);
            check.decideSignIn(request);
        }
    }

    /**
     * Whatever the client sent in the declared header, the hop the trusted proxy appends is the client
     * the throttle counts: nothing written on the left hides it.
     */
    @Property(tries = 500)
    void theHopTheProxyAppendsIsTheClientWhateverCameBefore(@ForAll("header") String sent) {
        String real = "198.51.100.7";
        Map<ProxyHeader, String> appended = Map.of(ProxyHeader.X_FORWARDED_FOR, sent + ", " + real,
                ProxyHeader.FORWARDED, sent + ", for=" + real);
        for (Map.Entry<ProxyHeader, String> header : appended.entrySet()) {
            OriginCheck check = new OriginCheck(WebSettings.defaults().behindProxies(List.of("10.0.0.0/8"), header.getKey()));
            RequestFacts request = new RequestFacts("POST", "https", "example.com", "10.0.0.5", "10.0.0.100",
                    Map.of(header.getKey().headerName(), header.getValue()));
            assertEquals(real, check.clientAddress(request), header.getKey() + " after " + sent.length() + " characters");
        }
    }
}
