package dev.latchkey.web;

import dev.latchkey.core.Reason;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The CSRF decision: may this request proceed? A pure function of the request's method and
 * headers and of the configuration.
 *
 * <p>Safe methods ({@code GET HEAD OPTIONS TRACE}) and requests that carry no cookie credential
 * (bearer-token or anonymous requests: a cross-site page cannot make a browser attach either) always
 * proceed. For an unsafe cookie-authenticated request, in this order:
 * <ol>
 * <li>an {@code Origin} listed in the trusted origins proceeds;</li>
 * <li>{@code Sec-Fetch-Site: same-origin} or {@code none} (typed by the user) proceeds;
 *     {@code cross-site} or {@code same-site} is rejected ({@link Reason#CSRF_CROSS_SITE});</li>
 * <li>without {@code Sec-Fetch-Site} (older browsers, plain HTTP to a non-local host), the
 *     {@code Origin} must equal the request's own origin exactly: scheme, host and port
 *     ({@link Reason#CSRF_ORIGIN_MISMATCH}); a request with neither header is rejected
 *     ({@link Reason#CSRF_NO_ORIGIN}).</li>
 * </ol>
 *
 * <p>The request's own origin is its scheme and {@code Host} header; when the peer is a trusted proxy,
 * the first element of {@code Forwarded} ({@code proto}, {@code host}) or else
 * {@code X-Forwarded-Proto} and {@code X-Forwarded-Host} take their place. The proxy must overwrite
 * these headers rather than pass on what the client sent.
 */
public final class OriginCheck {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final TrustedOrigins trustedOrigins;
    private final TrustedProxies trustedProxies;

    /**
     * @param trustedOrigins origins besides the server's own allowed to send unsafe requests
     * @param trustedProxies addresses or CIDR ranges of reverse proxies
     * @throws IllegalArgumentException naming the first entry that does not parse
     */
    public OriginCheck(List<String> trustedOrigins, List<String> trustedProxies) {
        this.trustedOrigins = new TrustedOrigins(trustedOrigins);
        this.trustedProxies = new TrustedProxies(trustedProxies);
    }

    /**
     * Decides whether the request may proceed.
     *
     * @param request            the request
     * @param cookieAuthenticated whether the request carries a session cookie (the ambient credential CSRF abuses)
     */
    public CsrfDecision decide(RequestFacts request, boolean cookieAuthenticated) {
        if (SAFE_METHODS.contains(request.method()) || !cookieAuthenticated) {
            return CsrfDecision.ALLOW;
        }
        String originHeader = request.header("Origin");
        Optional<WebOrigin> origin = WebOrigin.parse(originHeader);
        if (origin.isPresent() && trustedOrigins.matches(origin.get())) {
            return CsrfDecision.ALLOW;
        }
        String fetchSite = request.header("Sec-Fetch-Site");
        if (fetchSite != null) {
            switch (fetchSite.strip().toLowerCase(Locale.ROOT)) {
                case "same-origin", "none":
                    return CsrfDecision.ALLOW;
                case "cross-site", "same-site":
                    return CsrfDecision.reject(Reason.CSRF_CROSS_SITE);
                default:
                    break; // an unknown value says nothing; fall back to Origin
            }
        }
        if (originHeader == null) {
            return CsrfDecision.reject(Reason.CSRF_NO_ORIGIN);
        }
        Optional<WebOrigin> own = ownOrigin(request);
        if (origin.isPresent() && own.isPresent() && origin.get().equals(own.get())) {
            return CsrfDecision.ALLOW;
        }
        return CsrfDecision.reject(Reason.CSRF_ORIGIN_MISMATCH);
    }

    /**
     * The origin the client addressed, {@code scheme://host:port}: from the request itself, or from
     * forwarding headers when the peer is a trusted proxy. Empty when the headers are malformed.
     */
    public Optional<String> requestOrigin(RequestFacts request) {
        return ownOrigin(request).map(WebOrigin::toString);
    }

    /** Whether the request reached the client over HTTPS, as far as trusted information tells. */
    public boolean isSecure(RequestFacts request) {
        return ownOrigin(request).map(o -> o.scheme().equals("https"))
                .orElse("https".equalsIgnoreCase(request.scheme()));
    }

    /**
     * Whether the client addressed a loopback host ({@code localhost}, {@code 127.0.0.0/8},
     * {@code [::1]}): local development, where browsers treat plain HTTP as secure enough.
     */
    public boolean isLoopback(RequestFacts request) {
        return ownOrigin(request).map(o -> isLoopbackHost(o.host())).orElse(false);
    }

    private static boolean isLoopbackHost(String host) {
        if (host.equals("localhost") || host.endsWith(".localhost") || host.equals("[::1]")) {
            return true;
        }
        return host.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }

    private Optional<WebOrigin> ownOrigin(RequestFacts request) {
        String scheme = request.scheme();
        String host = request.host();
        if (trustedProxies.trusts(request.remoteAddress())) {
            String forwarded = request.header("Forwarded");
            if (forwarded != null) {
                ForwardedElement first = ForwardedElement.parseFirst(forwarded);
                scheme = first.proto() != null ? first.proto() : scheme;
                host = first.host() != null ? first.host() : host;
            } else {
                scheme = firstValue(request.header("X-Forwarded-Proto"), scheme);
                host = firstValue(request.header("X-Forwarded-Host"), host);
            }
        }
        return WebOrigin.fromHost(scheme, host);
    }

    private static String firstValue(String header, String fallback) {
        if (header == null) {
            return fallback;
        }
        int comma = header.indexOf(',');
        String first = (comma < 0 ? header : header.substring(0, comma)).strip();
        return first.isEmpty() ? fallback : first;
    }
}
