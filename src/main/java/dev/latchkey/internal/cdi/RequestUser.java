package dev.latchkey.internal.cdi;

import dev.latchkey.cdi.CurrentUser;
import dev.latchkey.core.Session;
import dev.latchkey.internal.servlet.ServletSessions;
import jakarta.inject.Provider;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * The {@link CurrentUser} of one request. It reads the request's state on every call rather than
 * once, so that a sign-in or sign-out during the request is seen by everything that asks afterwards.
 * The state itself is resolved once per request and kept as a request attribute, so asking is cheap.
 */
final class RequestUser implements CurrentUser {

    private final HttpServletRequest request;
    private final Provider<ServletSessions> sessions;

    RequestUser(HttpServletRequest request, Provider<ServletSessions> sessions) {
        this.request = request;
        this.sessions = sessions;
    }

    @Override
    public boolean isSignedIn() {
        return session().isPresent();
    }

    @Override
    public String id() {
        return session().map(Session::userId).orElseThrow(() -> new IllegalStateException(
                "nobody is signed in: check CurrentUser.isSignedIn() first"));
    }

    @Override
    public String name() {
        return id();
    }

    @Override
    public Set<String> groups() {
        return session().map(Session::groups).orElse(Set.of());
    }

    @Override
    public boolean isInGroup(String group) {
        return groups().contains(group);
    }

    @Override
    public Optional<Session> session() {
        return sessions.get().resolve(request, null).activeSession();
    }

    @Override
    public Optional<Instant> authenticatedAt() {
        return session().map(Session::authenticatedAt);
    }

    @Override
    public boolean signedInWithin(Duration maxAge) {
        return session().map(s -> sessions.get().isRecentSignIn(s, maxAge)).orElse(false);
    }

    @Override
    public String toString() {
        return session().map(s -> "CurrentUser[" + s.userId() + "]").orElse("CurrentUser[anonymous]");
    }
}
