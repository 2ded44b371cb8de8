package dev.latchkey.web;

import dev.latchkey.core.Message;
import java.util.List;
import java.util.Objects;

/**
 * How Latchkey reads the requests that reach it: which other origins may send unsafe requests, which
 * reverse proxies stand in front and which header they write the client's address in, and whether a
 * browser on the server's own machine gets the development cookie. The settings of the CSRF check, the
 * client address of sign-in throttling, and the cookie's {@code Secure} decision; the core knows nothing
 * of requests. Read from {@code latchkey.csrf.trusted-origins}, {@code latchkey.proxy.trusted},
 * {@code latchkey.proxy.header} and {@code latchkey.cookie.loopback-development}; an application may
 * produce a bean of this type instead, which replaces those four settings.
 *
 * <pre>{@code
 * @Produces WebSettings web() {
 *     return WebSettings.defaults().behindProxies(List.of("10.0.0.0/8"), ProxyHeader.X_FORWARDED_FOR);
 * }
 * }</pre>
 *
 * @param trustedOrigins      origins besides the server's own allowed to send unsafe requests, such as
 *                            {@code https://app.example.com} or {@code https://*.example.com}
 * @param trustedProxies      addresses or CIDR ranges of reverse proxies whose forwarding header is believed
 * @param proxyHeader         the header the trusted proxies write the client's address in; required when
 *                            there are trusted proxies, {@code null} otherwise
 * @param loopbackDevelopment whether a plain-HTTP connection from this machine to itself gets the session
 *                            cookie without {@code Secure} and without its prefix, so that local development
 *                            works in every browser; default true
 */
public record WebSettings(List<String> trustedOrigins, List<String> trustedProxies, ProxyHeader proxyHeader,
                          boolean loopbackDevelopment) {

    /**
     * Copies the lists; the entries are parsed when Latchkey starts (a bad one stops it with {@code LK-401}).
     *
     * @throws IllegalArgumentException ({@code LK-407}) for trusted proxies without their header
     */
    public WebSettings {
        trustedOrigins = List.copyOf(Objects.requireNonNull(trustedOrigins, "trustedOrigins"));
        trustedProxies = List.copyOf(Objects.requireNonNull(trustedProxies, "trustedProxies"));
        if (!trustedProxies.isEmpty() && proxyHeader == null) {
            throw new IllegalArgumentException(Message.PROXY_HEADER_MISSING.error("latchkey.proxy.trusted is "
                    + String.join(",", trustedProxies) + ", but latchkey.proxy.header does not say which header these proxies"
                    + " write the client's address in"));
        }
    }

    /** No other trusted origin, no proxy, the development cookie on. */
    public static WebSettings defaults() {
        return new WebSettings(List.of(), List.of(), null, true);
    }

    /** These settings with {@code origins} as the trusted origins. */
    public WebSettings withTrustedOrigins(List<String> origins) {
        return new WebSettings(origins, trustedProxies, proxyHeader, loopbackDevelopment);
    }

    /** These settings behind the reverse proxies at {@code proxies}, which write the client's address in {@code header}. */
    public WebSettings behindProxies(List<String> proxies, ProxyHeader header) {
        return new WebSettings(trustedOrigins, proxies, header, loopbackDevelopment);
    }

    /** These settings with the development cookie on or off. */
    public WebSettings withLoopbackDevelopment(boolean on) {
        return new WebSettings(trustedOrigins, trustedProxies, proxyHeader, on);
    }
}
