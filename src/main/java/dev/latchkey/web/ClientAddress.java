package dev.latchkey.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The address of the client a request came from, for sign-in throttling. From a trusted proxy, the
 * forwarding headers' hops are read from the nearest one back — {@code Forwarded}'s {@code for},
 * else {@code X-Forwarded-For}, else {@code X-Real-IP} — skipping trusted proxies; the first address
 * that is not one is the client. Hops further out are never believed: the client could have written
 * them. IPv6 addresses are reduced to their /64 network, which one subscriber usually holds whole.
 */
final class ClientAddress {

    private ClientAddress() {
    }

    static String of(RequestFacts request, TrustedProxies trusted) {
        String peer = request.remoteAddress();
        if (!trusted.trusts(peer)) {
            return normalize(peer);
        }
        List<String> hops = hops(request);
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i);
            if (TrustedProxies.parseAddress(hop).isEmpty()) {
                return normalize(peer); // "unknown", an obfuscated name: what the proxy saw cannot be told
            }
            if (!trusted.trusts(hop)) {
                return normalize(hop);
            }
        }
        return normalize(hops.isEmpty() ? peer : hops.get(0));
    }

    /** The hops the forwarding headers list, the client's first. */
    private static List<String> hops(RequestFacts request) {
        List<String> hops = new ArrayList<>();
        String forwarded = request.header("Forwarded");
        if (forwarded != null) {
            for (String element : forwarded.split(",")) {
                for (String pair : element.split(";")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0 && pair.substring(0, eq).strip().equalsIgnoreCase("for")) {
                        hops.add(stripPort(unquote(pair.substring(eq + 1).strip())));
                    }
                }
            }
            return hops;
        }
        String list = request.header("X-Forwarded-For");
        if (list == null) {
            list = request.header("X-Real-IP");
        }
        if (list != null) {
            for (String hop : list.split(",")) {
                hops.add(stripPort(hop.strip()));
            }
        }
        return hops;
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value;
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
