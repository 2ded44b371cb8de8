package dev.latchkey.internal.web;

import dev.latchkey.core.Reason;
import dev.latchkey.web.ProxyHeader;
import dev.latchkey.web.WebSettings;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The CSRF decision: may this request proceed? A pure function of the request's method, headers and
 * connection and of the configuration. It also reads the request's own origin, through trusted
 * proxies, for the cookie's {@code Secure} decision.
 *
 * <p>Safe methods ({@code GET HEAD OPTIONS TRACE}) and requests authenticated by a bearer token (no
 * ambient credential: a cross-site page cannot make a browser attach one) always proceed. Every
 * other request is checked, in this order:
 * <ol>
 * <li>an {@code Origin} listed in the trusted origins proceeds;</li>
 * <li>{@code Sec-Fetch-Site: same-origin} or {@code none} (typed by the user) proceeds;
 *     {@code cross-site} or {@code same-site} is rejected ({@link Reason#CSRF_CROSS_SITE});</li>
 * <li>without {@code Sec-Fetch-Site} (older browsers, plain HTTP to a non-local host), the
 *     {@code Origin} must equal the request's own origin exactly: scheme, host and port
 *     ({@link Reason#CSRF_ORIGIN_MISMATCH});</li>
 * <li>a request with neither header is rejected ({@link Reason#CSRF_NO_ORIGIN}) when it carries a
 *     session cookie or would receive one (a sign-in); an anonymous request without either header
 *     proceeds, because every browser sends {@code Origin} with a cross-origin unsafe request, so
 *     such a request comes from a program that holds no ambient credential of the victim's.</li>
 * </ol>
 *
 * <p>A sign-in that would set the session cookie ({@link #decideSignIn}) is held to the rule of a
 * cookie-authenticated request, so a cross-site page cannot plant its author's session in a
 * victim's browser (login CSRF). A sign-in on a safe method is refused only when the browser marks
 * it cross-site or same-site.
 *
 * <p>The request's own origin is its scheme and {@code Host} header; when the peer is a trusted proxy,
 * what the declared header says takes their place: with {@code Forwarded}, the {@code proto} and
 * {@code host} of the element the proxy facing the client wrote; with {@code X-Forwarded-For} or
 * {@code X-Real-IP}, {@code X-Forwarded-Proto} and {@code X-Forwarded-Host}, which the proxy must then
 * set rather than pass on what the client sent.
 */
public final class OriginCheck {

    /** How a request is authenticated, as far as the CSRF decision cares. */
    public enum Credential {
        /** No valid session: an anonymous request. */
        NONE,
        /** A valid session cookie: the ambient credential CSRF abuses. */
        SESSION_COOKIE,
        /** A valid bearer token: nothing a browser attaches on its own. */
        BEARER_TOKEN
    }

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    /** Headers that show a proxy between the client and the server. */
    private static final Pattern LOOPBACK_V4 = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    private static final List<String> PROXY_HEADERS = List.of("Forwarded", "X-Forwarded-For", "X-Forwarded-Proto",
            "X-Forwarded-Host", "X-Real-IP", "Via");

    private final TrustedOrigins trustedOrigins;
    private final TrustedProxies trustedProxies;
    private final boolean loopbackDevelopment;

    /**
     * @param settings the trusted origins and proxies, the proxies' header, and whether plain-HTTP loopback
     *                 connections get the development cookie ({@link #isLocalDevelopment})
     * @throws IllegalArgumentException naming the first entry that does not parse
     */
    public OriginCheck(WebSettings settings) {
        this.trustedOrigins = new TrustedOrigins(settings.trustedOrigins());
        this.trustedProxies = new TrustedProxies(settings.trustedProxies(), settings.proxyHeader());
        this.loopbackDevelopment = settings.loopbackDevelopment();
    }

    /** No trusted origin or proxy: what a server reached directly needs. */
    public OriginCheck(boolean loopbackDevelopment) {
        this(WebSettings.defaults().withLoopbackDevelopment(loopbackDevelopment));
    }

    /**
     * Decides whether the request may proceed.
     *
     * @param request    the request
     * @param credential what authenticated it
     */
    public CsrfDecision decide(RequestFacts request, Credential credential) {
        if (credential == Credential.BEARER_TOKEN || SAFE_METHODS.contains(request.method())) {
            return CsrfDecision.ALLOW;
        }
        return checkOrigin(request, credential == Credential.SESSION_COOKIE);
    }

    /**
     * Decides whether a sign-in that sets the session cookie may happen on this request: the rule of
     * a cookie-authenticated request for unsafe methods; on a safe method, anything but a request the
     * browser marks as cross-site or same-site.
     */
    public CsrfDecision decideSignIn(RequestFacts request) {
        if (!SAFE_METHODS.contains(request.method())) {
            return checkOrigin(request, true);
        }
        String fetchSite = fetchSite(request);
        if (("cross-site".equals(fetchSite) || "same-site".equals(fetchSite)) && !hasTrustedOrigin(request)) {
            return CsrfDecision.reject(Reason.CSRF_CROSS_SITE);
        }
        return CsrfDecision.ALLOW;
    }

    private CsrfDecision checkOrigin(RequestFacts request, boolean originRequired) {
        if (hasTrustedOrigin(request)) {
            return CsrfDecision.ALLOW;
        }
        String fetchSite = fetchSite(request);
        if (fetchSite != null) {
            switch (fetchSite) {
                case "same-origin", "none":
                    return CsrfDecision.ALLOW;
                case "cross-site", "same-site":
                    return CsrfDecision.reject(Reason.CSRF_CROSS_SITE);
                default:
                    break; // an unknown value says nothing; fall back to Origin
            }
        }
        String originHeader = request.header("Origin");
        if (originHeader == null) {
            return originRequired ? CsrfDecision.reject(Reason.CSRF_NO_ORIGIN) : CsrfDecision.ALLOW;
        }
        Optional<WebOrigin> origin = WebOrigin.parse(originHeader);
        Optional<WebOrigin> own = ownOrigin(request);
        if (origin.isPresent() && own.isPresent() && origin.get().equals(own.get())) {
            return CsrfDecision.ALLOW;
        }
        return CsrfDecision.reject(Reason.CSRF_ORIGIN_MISMATCH);
    }

    private boolean hasTrustedOrigin(RequestFacts request) {
        Optional<WebOrigin> origin = WebOrigin.parse(request.header("Origin"));
        return origin.isPresent() && trustedOrigins.matches(origin.get());
    }

    private static String fetchSite(RequestFacts request) {
        String value = request.header("Sec-Fetch-Site");
        return value == null ? null : value.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * The origin the client addressed, {@code scheme://host:port}: from the request itself, or from
     * forwarding headers when the peer is a trusted proxy. Empty when the headers are malformed.
     */
    public Optional<String> requestOrigin(RequestFacts request) {
        return ownOrigin(request).map(WebOrigin::toString);
    }

    /**
     * The address the client used for this application's host, {@code scheme://host} with the port
     * only when it is not the scheme's default: what a redirect URI is built on. From forwarding
     * headers when the peer is a trusted proxy. Empty when the headers are malformed.
     */
    public Optional<String> requestBaseUrl(RequestFacts request) {
        return ownOrigin(request).map(o -> o.scheme() + "://" + o.host()
                + (o.port() == (o.scheme().equals("https") ? 443 : 80) ? "" : ":" + o.port()));
    }

    /**
     * The client's address: the peer's, or from a trusted proxy the nearest hop of the forwarding
     * headers that is not a trusted proxy; IPv6 reduced to its /64. For counting sign-in attempts.
     */
    public String clientAddress(RequestFacts request) {
        return ClientAddress.of(request, trustedProxies);
    }

    /** Whether the request reached the client over HTTPS, as far as trusted information tells. */
    public boolean isSecure(RequestFacts request) {
        return ownOrigin(request).map(o -> o.scheme().equals("https"))
                .orElse("https".equalsIgnoreCase(request.scheme()));
    }

    /**
     * Whether this is local development: a plain-HTTP connection from a loopback address to a
     * loopback address, addressed to a loopback host ({@code localhost}, {@code 127.0.0.0/8},
     * {@code [::1]}), with no proxy in between (no forwarding header, the peer not a trusted proxy).
     * There browsers keep a cookie without {@code Secure}; anywhere else a request that merely
     * names a loopback host in {@code Host} (a proxy's default) gets nothing weaker. Always false
     * when switched off.
     */
    public boolean isLocalDevelopment(RequestFacts request) {
        if (!loopbackDevelopment || "https".equalsIgnoreCase(request.scheme())
                || !isLoopbackAddress(request.remoteAddress()) || !isLoopbackAddress(request.localAddress())
                || trustedProxies.trusts(request.remoteAddress())) {
            return false;
        }
        for (String header : PROXY_HEADERS) {
            if (request.header(header) != null) {
                return false;
            }
        }
        return WebOrigin.fromHost("http", request.host()).map(o -> isLoopbackHost(o.host())).orElse(false);
    }

    private static boolean isLoopbackAddress(String address) {
        Optional<byte[]> bytes = TrustedProxies.parseAddress(address);
        if (bytes.isEmpty()) {
            return false;
        }
        byte[] b = bytes.get();
        if (b.length == 4) {
            return b[0] == 127;
        }
        for (int i = 0; i < 15; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[15] == 1;
    }

    private static boolean isLoopbackHost(String host) {
        if (host.equals("localhost") || host.endsWith(".localhost") || host.equals("[::1]")) {
            return true;
        }
        return LOOPBACK_V4.matcher(host).matches();
    }

    private Optional<WebOrigin> ownOrigin(RequestFacts request) {
        String scheme = request.scheme();
        String host = request.host();
        if (trustedProxies.trusts(request.remoteAddress())) {
            if (trustedProxies.header() == ProxyHeader.FORWARDED) {
                ForwardedElement edge = ClientAddress.edge(request, trustedProxies).element();
                if (edge != null) {
                    scheme = edge.proto() != null ? edge.proto() : scheme;
                    host = edge.host() != null ? edge.host() : host;
                }
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
