package dev.latchkey.internal.web;

import dev.latchkey.web.ProxyHeader;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The reverse proxies whose forwarding header is believed, as addresses or CIDR ranges
 * ({@code 10.0.0.0/8}, {@code ::1}, {@code fd00::/8}), and which header that is. From any other peer,
 * {@code Forwarded} and {@code X-Forwarded-*} are ignored: a client can write them as easily as a
 * proxy can.
 *
 * <p>Addresses are parsed as literals only; no name is ever looked up.
 */
final class TrustedProxies {

    private record Range(byte[] network, int prefixBits) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int bits = prefixBits;
            for (int i = 0; i < address.length && bits > 0; i++, bits -= 8) {
                int mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
                if ((address[i] & mask) != (network[i] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    private final List<Range> ranges = new ArrayList<>();
    private final ProxyHeader header;

    TrustedProxies(List<String> entries, ProxyHeader header) {
        this.header = header;
        for (String entry : entries) {
            String text = entry == null ? "" : entry.strip();
            int slash = text.indexOf('/');
            byte[] address = parseAddress(slash < 0 ? text : text.substring(0, slash)).orElseThrow(() -> invalid(entry));
            int prefix = address.length * 8;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(text.substring(slash + 1));
                } catch (NumberFormatException e) {
                    throw invalid(entry);
                }
                if (prefix < 0 || prefix > address.length * 8) {
                    throw invalid(entry);
                }
            }
            ranges.add(new Range(address, prefix));
        }
    }

    /** The header the proxies write the client's address in; {@code null} when there are none. */
    ProxyHeader header() {
        return header;
    }

    /** Whether the peer at {@code remoteAddress} is a trusted proxy. */
    boolean trusts(String remoteAddress) {
        if (ranges.isEmpty()) {
            return false;
        }
        Optional<byte[]> address = parseAddress(remoteAddress);
        return address.isPresent() && ranges.stream().anyMatch(r -> r.contains(address.get()));
    }

    private static IllegalArgumentException invalid(String entry) {
        return new IllegalArgumentException("latchkey.proxy.trusted: '" + entry
                + "' is not an IP address or CIDR range such as 10.0.0.0/8 or ::1");
    }

    /** Four dot-separated decimal octets of one to three digits, each at most 255; {@code null} otherwise. Runs per request: no regex. */
    private static byte[] parseIpv4(String t) {
        byte[] out = new byte[4];
        int octet = 0;
        int value = 0;
        int digits = 0;
        for (int i = 0; i <= t.length(); i++) {
            char c = i == t.length() ? '.' : t.charAt(i);
            if (c >= '0' && c <= '9') {
                value = value * 10 + (c - '0');
                if (++digits > 3) {
                    return null;
                }
            } else if (c == '.' && digits > 0 && value <= 255 && octet < 4) {
                out[octet++] = (byte) value;
                value = 0;
                digits = 0;
            } else {
                return null;
            }
        }
        return octet == 4 ? out : null;
    }

    /** An IPv4 or IPv6 literal, with optional brackets and zone; IPv4-mapped IPv6 becomes IPv4. */
    static Optional<byte[]> parseAddress(String text) {
        if (text == null || text.isEmpty() || text.length() > 64) {
            return Optional.empty();
        }
        String t = text;
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        int zone = t.indexOf('%');
        if (zone >= 0) {
            t = t.substring(0, zone);
        }
        byte[] v4 = parseIpv4(t);
        if (v4 != null) {
            return Optional.of(v4);
        }
        if (t.indexOf(':') < 0) {
            return Optional.empty();
        }
        if (!WebOrigin.isIpv6Literal(t.toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        try {
            // Contains ':' and only hex digits, ':' and '.', so this parses a literal and never asks DNS.
            return Optional.of(InetAddress.getByName(t).getAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
