package dev.latchkey.web;

import java.util.Locale;

/**
 * The header a trusted reverse proxy writes the client's address in ({@code latchkey.proxy.header}).
 * Latchkey reads that header alone: a proxy passes on the others as the client wrote them, so believing
 * any other would let a client choose its own address.
 */
public enum ProxyHeader {
    /** RFC 7239 {@code Forwarded}: the client from {@code for}, the scheme and host from {@code proto} and {@code host}. */
    FORWARDED("Forwarded"),
    /** {@code X-Forwarded-For} (nginx's {@code $proxy_add_x_forwarded_for}, most load balancers), with {@code X-Forwarded-Proto} and {@code X-Forwarded-Host}. */
    X_FORWARDED_FOR("X-Forwarded-For"),
    /** {@code X-Real-IP}, one address the proxy sets, with {@code X-Forwarded-Proto} and {@code X-Forwarded-Host}. */
    X_REAL_IP("X-Real-IP");

    private final String headerName;

    ProxyHeader(String headerName) {
        this.headerName = headerName;
    }

    /** The header's name, as in {@code Forwarded}. */
    public String headerName() {
        return headerName;
    }

    /**
     * The header of a setting's value: its name in any case.
     *
     * @throws IllegalArgumentException naming the values allowed
     */
    public static ProxyHeader parse(String value) {
        for (ProxyHeader header : values()) {
            if (header.headerName.equalsIgnoreCase(value == null ? "" : value.strip())) {
                return header;
            }
        }
        throw new IllegalArgumentException("latchkey.proxy.header must be Forwarded, X-Forwarded-For or X-Real-IP but was: "
                + value);
    }

    @Override
    public String toString() {
        return headerName.toLowerCase(Locale.ROOT);
    }
}
