package dev.latchkey.internal.web;

import dev.latchkey.web.ProxyHeader;
import java.util.List;
import java.util.Optional;

/**
 * Where a request comes from, through trusted proxies: the client's address (for sign-in throttling)
 * and, from {@code Forwarded}, the element the proxy facing the client wrote (the scheme and host the
 * client addressed). Only the header the proxies are declared to write ({@link ProxyHeader}) is read,
 * from the nearest hop back, skipping trusted proxies; the first hop that is not one is the client.
 * Hops further out are never believed: the client could have written them, as it can write any other
 * header, which a proxy passes on. IPv6 addresses are reduced to their /64 network, which one
 * subscriber usually holds whole.
 */
final class ClientAddress {

    /** The client's address, and the {@code Forwarded} element the proxy facing it wrote ({@code null} for other headers). */
    record Hop(String address, ForwardedElement element) {
    }

    private ClientAddress() {
    }

    static String of(RequestFacts request, TrustedProxies trusted) {
        return edge(request, trusted).address();
    }

    /** The client's hop: the peer itself unless the peer is a trusted proxy. */
    static Hop edge(RequestFacts request, TrustedProxies trusted) {
        String peer = request.remoteAddress();
        if (!trusted.trusts(peer)) {
            return new Hop(normalize(peer), null);
        }
        ProxyHeader header = trusted.header();
        String value = request.header(header.headerName());
        if (value == null) {
            return new Hop(normalize(peer), null);
        }
        List<ForwardedElement> elements = header == ProxyHeader.FORWARDED ? ForwardedElement.parseAll(value)
                : ForwardedElement.addresses(value);
        for (int i = elements.size() - 1; i >= 0; i--) {
            ForwardedElement element = elements.get(i);
            String hop = element.forAddress() == null ? null : stripPort(element.forAddress());
            if (TrustedProxies.parseAddress(hop).isEmpty()) {
                return new Hop(normalize(peer), element); // "unknown", an obfuscated name: what the proxy saw cannot be told
            }
            if (!trusted.trusts(hop)) {
                return new Hop(normalize(hop), element);
            }
        }
        return elements.isEmpty() ? new Hop(normalize(peer), null)
                : new Hop(normalize(stripPort(elements.get(0).forAddress())), elements.get(0));
    }

    /** {@code [v6]:port} → {@code [v6]}, {@code v4:port} → {@code v4}; a bare IPv6 literal is left alone. */
    private static String stripPort(String hop) {
        if (hop.startsWith("[")) {
            int close = hop.indexOf(']');
            return close > 0 ? hop.substring(0, close + 1) : hop;
        }
        int colon = hop.indexOf(':');
        return colon > 0 && colon == hop.lastIndexOf(':') ? hop.substring(0, colon) : hop;
    }

    /** IPv4 as it is; IPv6 as its /64 network; anything else as given (it keys a counter only). */
    static String normalize(String address) {
        Optional<byte[]> bytes = TrustedProxies.parseAddress(address);
        if (bytes.isEmpty()) {
            return String.valueOf(address);
        }
        byte[] b = bytes.get();
        if (b.length == 4) {
            return (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + "." + (b[3] & 0xff);
        }
        StringBuilder net = new StringBuilder();
        for (int i = 0; i < 8; i += 2) {
            net.append(Integer.toHexString(((b[i] & 0xff) << 8) | (b[i + 1] & 0xff))).append(':');
        }
        return net.append(":/64").toString();
    }
}
