package dev.latchkey.redis;

import dev.latchkey.core.Session;
import dev.latchkey.core.SessionAttributes;
import dev.latchkey.core.SessionStoreException;
import dev.latchkey.core.StoredSession;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A session as the fields of its Redis hash, encoded as the JPA store encodes its columns: times as
 * epoch milliseconds, the secret's SHA-256 in hex (never the secret), groups joined by a line feed
 * (group names hold no control character), attributes in {@link SessionAttributes#toStorageString()}'s
 * URL-encoded form. A field without a value (no client address, no groups) is left out.
 */
final class SessionHash {

    static final String USER_ID = "userId";
    static final String SECRET_HASH = "secretHash";
    static final String CREATED_AT = "createdAt";
    static final String EXPIRES_AT = "expiresAt";
    static final String RENEWED_AT = "renewedAt";
    static final String AUTHENTICATED_AT = "authenticatedAt";
    static final String IDLE_TIMEOUT_MS = "idleTimeoutMs";
    static final String PERSISTENT = "persistent";
    static final String CLIENT_IP = "clientIp";
    static final String USER_AGENT = "userAgent";
    static final String GROUPS = "groups";
    static final String ATTRIBUTES = "attributes";

    private static final String GROUP_SEPARATOR = "\n";

    private SessionHash() {
    }

    /** The hash's fields and values, alternating, for {@code HSET}. */
    static List<String> fields(StoredSession stored) {
        Session s = stored.session();
        List<String> fields = new ArrayList<>(24);
        add(fields, USER_ID, s.userId());
        add(fields, SECRET_HASH, HexFormat.of().formatHex(stored.secretHash()));
        add(fields, CREATED_AT, millis(s.createdAt()));
        add(fields, EXPIRES_AT, millis(s.expiresAt()));
        add(fields, RENEWED_AT, millis(s.renewedAt()));
        add(fields, AUTHENTICATED_AT, millis(s.authenticatedAt()));
        add(fields, IDLE_TIMEOUT_MS, Long.toString(s.idleTimeout().toMillis()));
        add(fields, PERSISTENT, Boolean.toString(s.persistent()));
        add(fields, CLIENT_IP, s.clientIp());
        add(fields, USER_AGENT, s.userAgent());
        add(fields, GROUPS, groups(s.groups()));
        add(fields, ATTRIBUTES, s.attributes().isEmpty() ? null : s.attributes().toStorageString());
        return fields;
    }

    /** The groups as stored; the empty string for none, which the scripts take as "remove the field". */
    static String groups(Set<String> groups) {
        return String.join(GROUP_SEPARATOR, groups);
    }

    /** An instant as stored: epoch milliseconds in decimal. */
    static String millis(Instant instant) {
        return Long.toString(instant.toEpochMilli());
    }

    /**
     * The session read back from its hash.
     *
     * @throws SessionStoreException if a field is missing or unreadable (written by something else)
     */
    static StoredSession read(String id, Map<String, String> hash) {
        try {
            String groups = hash.get(GROUPS);
            Set<String> groupSet = groups == null || groups.isEmpty()
                    ? Set.of() : new LinkedHashSet<>(Arrays.asList(groups.split(GROUP_SEPARATOR)));
            Session session = new Session(id, required(hash, USER_ID), instant(hash, CREATED_AT), instant(hash, EXPIRES_AT),
                    instant(hash, RENEWED_AT), instant(hash, AUTHENTICATED_AT),
                    Duration.ofMillis(Long.parseLong(required(hash, IDLE_TIMEOUT_MS))),
                    Boolean.parseBoolean(required(hash, PERSISTENT)), hash.get(CLIENT_IP), hash.get(USER_AGENT), groupSet,
                    SessionAttributes.fromStorageString(hash.get(ATTRIBUTES)));
            return new StoredSession(session, HexFormat.of().parseHex(required(hash, SECRET_HASH)));
        } catch (IllegalArgumentException e) {
            // NumberFormatException included; no value goes into the message
            throw new SessionStoreException("Redis store: a stored session is unreadable ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /** The sessions of a script's reply: each id followed by its hash's fields and values, as a list. */
    static List<StoredSession> readAll(List<?> reply) {
        List<StoredSession> sessions = new ArrayList<>(reply.size() / 2);
        for (int i = 0; i + 1 < reply.size(); i += 2) {
            List<?> flat = (List<?>) reply.get(i + 1);
            Map<String, String> hash = new HashMap<>();
            for (int j = 0; j + 1 < flat.size(); j += 2) {
                hash.put(text(flat.get(j)), text(flat.get(j + 1)));
            }
            sessions.add(read(text(reply.get(i)), hash));
        }
        return sessions;
    }

    private static String text(Object reply) {
        return reply instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : (String) reply;
    }

    private static String required(Map<String, String> hash, String field) {
        String value = hash.get(field);
        if (value == null) {
            throw new SessionStoreException("Redis store: a stored session has no field " + field);
        }
        return value;
    }

    private static Instant instant(Map<String, String> hash, String field) {
        return Instant.ofEpochMilli(Long.parseLong(required(hash, field)));
    }

    private static void add(List<String> fields, String field, String value) {
        if (value != null && !(GROUPS.equals(field) && value.isEmpty())) {
            fields.add(field);
            fields.add(value);
        }
    }
}
