package dev.latchkey.core;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * What to create a session with: the user, its lifetime and a little context.
 *
 * <pre>{@code
 * IssuedSession issued = latchkey.createSession(NewSession.forUser("42")
 *         .rememberMe(true)
 *         .client(request.getRemoteAddr(), request.getHeader("User-Agent"))
 *         .groups(Set.of("user", "admin")));
 * }</pre>
 *
 * <p>Client metadata is truncated ({@value #MAX_CLIENT_IP} characters of address,
 * {@value #MAX_USER_AGENT} of user agent) and control characters are replaced, so any header value
 * is accepted. Group names are the application's, so bad ones are programming errors and throw
 * {@link IllegalArgumentException}.
 */
public final class NewSession {

    /** Longest client address kept. */
    public static final int MAX_CLIENT_IP = 64;
    /** Longest user agent kept. */
    public static final int MAX_USER_AGENT = 256;
    /** Longest group name. */
    public static final int MAX_GROUP_LENGTH = 100;
    /** Longest stored form of all groups together (names joined by a newline). */
    public static final int MAX_GROUPS_LENGTH = 2000;
    /** Longest user id. */
    public static final int MAX_USER_ID = 255;

    private final String userId;
    private boolean rememberMe;
    private String clientIp;
    private String userAgent;
    private Set<String> groups = Set.of();
    private SessionAttributes attributes = SessionAttributes.empty();
    private Instant authenticatedAt;

    private NewSession(String userId) {
        this.userId = userId;
    }

    /**
     * Starts a session description for a user.
     *
     * @param userId the application's user id: 1–255 characters
     */
    public static NewSession forUser(String userId) {
        if (!isValidUserId(userId)) {
            throw new IllegalArgumentException("userId must be 1-" + MAX_USER_ID
                    + " characters of text without control characters");
        }
        return new NewSession(userId);
    }

    /**
     * Whether a string can be a user id: 1–{@value #MAX_USER_ID} characters, no control character
     * (NUL included) and no unpaired surrogate. Every database stores such a string unchanged; no
     * session is ever created for anything else, so a lookup by another value can answer "none"
     * without asking the store.
     */
    public static boolean isValidUserId(String userId) {
        return userId != null && !userId.isEmpty() && userId.length() <= MAX_USER_ID && isCleanText(userId);
    }

    /**
     * Checks group names: each 1–{@value #MAX_GROUP_LENGTH} characters without control characters
     * or unpaired surrogates, all of them together at most {@value #MAX_GROUPS_LENGTH} characters
     * as stored. Group names are the application's, so a bad one is a programming error.
     *
     * @return the distinct names, in the order given
     * @throws IllegalArgumentException naming the rule that was broken
     */
    public static Set<String> checkGroups(Collection<String> groups) {
        Set<String> checked = new LinkedHashSet<>();
        int stored = 0;
        for (String group : Objects.requireNonNull(groups, "groups")) {
            if (group == null || group.isEmpty() || group.length() > MAX_GROUP_LENGTH || !isCleanText(group)) {
                throw new IllegalArgumentException("group names must be 1-" + MAX_GROUP_LENGTH
                        + " characters without control characters");
            }
            if (checked.add(group)) {
                stored += group.length() + 1;
            }
        }
        if (stored > MAX_GROUPS_LENGTH + 1) {
            throw new IllegalArgumentException("the groups take more than " + MAX_GROUPS_LENGTH
                    + " characters; keep fine-grained permissions in your own tables");
        }
        return checked;
    }

    /** No control character and no unpaired surrogate. */
    static boolean isCleanText(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /**
     * "Remember me": a persistent cookie and the long idle timeout, instead of a browser-session
     * cookie and the short one. Off unless set.
     */
    public NewSession rememberMe(boolean rememberMe) {
        this.rememberMe = rememberMe;
        return this;
    }

    /** The client's address and {@code User-Agent}, kept for the user's "your sessions" list. Either may be null. */
    public NewSession client(String clientIp, String userAgent) {
        this.clientIp = clean(clientIp, MAX_CLIENT_IP);
        this.userAgent = clean(userAgent, MAX_USER_AGENT);
        return this;
    }

    /** The caller's groups (roles), handed to the container on every request of this session. */
    public NewSession groups(Collection<String> groups) {
        this.groups = checkGroups(groups);
        return this;
    }

    /** Small application values kept with the session. */
    public NewSession attributes(SessionAttributes attributes) {
        this.attributes = Objects.requireNonNull(attributes, "attributes");
        return this;
    }

    /**
     * When the user last presented a credential, if not now (for example when a session is
     * replaced after a change of roles). Defaults to the creation time.
     */
    public NewSession authenticatedAt(Instant authenticatedAt) {
        this.authenticatedAt = Objects.requireNonNull(authenticatedAt, "authenticatedAt");
        return this;
    }

    String userId() {
        return userId;
    }

    boolean isRememberMe() {
        return rememberMe;
    }

    String clientIp() {
        return clientIp;
    }

    String userAgent() {
        return userAgent;
    }

    Set<String> groups() {
        return groups;
    }

    SessionAttributes attributes() {
        return attributes;
    }

    Instant authenticatedAtOr(Instant now) {
        return authenticatedAt == null ? now : authenticatedAt;
    }

    private static String clean(String value, int max) {
        if (value == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(value.length(), max));
        for (int i = 0; i < value.length() && out.length() < max; i++) {
            char c = value.charAt(i);
            out.append(Character.isISOControl(c) || Character.isSurrogate(c) ? '?' : c);
        }
        return out.toString();
    }
}
