package dev.latchkey.redis;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where a Redis server is, read from its URI, without the credentials: what the start-up line and
 * messages may show. A URI that cannot be used is refused with a message that never repeats it,
 * since it may hold a password.
 *
 * @param uri      the URI, credentials included: for the client only
 * @param host     the host name or address
 * @param port     the port
 * @param database the database number
 * @param tls      whether the connection uses TLS ({@code rediss://})
 */
record RedisAddress(URI uri, String host, int port, int database, boolean tls) {

    private static final int DEFAULT_PORT = 6379;

    /**
     * Reads {@code redis://[user:password@]host[:port][/database]} or the same with {@code rediss://}.
     *
     * @throws IllegalArgumentException saying what is wrong, without the value
     */
    static RedisAddress parse(String text) {
        if (text == null || text.isBlank()) {
            throw refused("it is empty");
        }
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw refused("it does not parse as a URI (characters such as @ : / % in a password must be percent-encoded)");
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("redis") || scheme.equalsIgnoreCase("rediss"))) {
            throw refused("its scheme is not redis or rediss");
        }
        if (uri.getHost() == null) {
            throw refused("it names no host (characters such as @ : / % in a password must be percent-encoded)");
        }
        int port = uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort();
        if (port < 1 || port > 65_535) {
            throw refused("its port is not between 1 and 65535");
        }
        String path = uri.getPath();
        int database = 0;
        if (path != null && !path.isEmpty() && !path.equals("/")) {
            if (!path.matches("/\\d{1,5}")) {
                throw refused("its path is not a database number such as /0");
            }
            database = Integer.parseInt(path.substring(1));
        }
        if (uri.getFragment() != null) {
            throw refused("it has a fragment (#...)");
        }
        return new RedisAddress(uri, uri.getHost(), port, database, scheme.equalsIgnoreCase("rediss"));
    }

    private static IllegalArgumentException refused(String problem) {
        return new IllegalArgumentException("the Redis URI must be redis://host:port or rediss://user:password@host:port/database,"
                + " such as redis://localhost:6379, but " + problem + "; the value is not repeated here, as it may hold a password");
    }

    /** {@code host:port}, and the database and TLS when they are not the defaults; never the credentials. */
    String describe() {
        return host + ":" + port + (database != 0 ? " database " + database : "") + (tls ? " over TLS" : "");
    }

    /** The same as {@link #describe()}: a record's default would show the URI and its password. */
    @Override
    public String toString() {
        return describe();
    }
}
